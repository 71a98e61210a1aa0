package io.vigil.intake.concern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Staff concerns on the real stack: who may report, for which school, and who may read them back. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ConcernResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void peopleInTheDirectory() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into learner (id, school_id, year_group, date_of_birth, send, "
                    + "looked_after, child_protection_plan, eal, updated_at) values ('lrn-test-0001', ?1, 'Y6', "
                    + "date '2015-04-01', false, false, false, false, now()) on conflict (id) do nothing")
                    .setParameter(1, DemoTrust.NORTH.id()).executeUpdate();
            entityManager.createNativeQuery("insert into learner (id, school_id, year_group, date_of_birth, send, "
                    + "looked_after, child_protection_plan, eal, updated_at) values ('lrn-test-south', ?1, 'Y6', "
                    + "date '2015-04-01', false, false, false, false, now()) on conflict (id) do nothing")
                    .setParameter(1, DemoTrust.SOUTH.id()).executeUpdate();
            entityManager.createNativeQuery("insert into staff_member (id, school_id, display_name, email, "
                    + "safeguarding_role, updated_at) values ('stf-test-01', ?1, 'A Teacher', "
                    + "'teacher@north.example.test', 'none', now()) on conflict (id) do nothing")
                    .setParameter(1, DemoTrust.NORTH.id()).executeUpdate();
        });
    }

    @Test
    void aStaffConcernReachesTriageAndOnlyItsReporterCanReadItBack() {
        String marker = "Seen on a tablet in the library " + UUID.randomUUID();
        String id = report("north.staff", concern(DemoTrust.NORTH.id(), marker), null)
                .then().statusCode(201).body("reportedBy", equalTo("north.staff"))
                .body("category", equalTo("bullying")).extract().path("id");

        ConsumerRecord<String, String> record = TopicProbe.await(Topics.ALERTS,
                r -> r.value().contains(id) && r.value().contains(EventType.CONCERN_REPORTED_V1.type()),
                Duration.ofSeconds(30));
        assertThat(record.key()).isEqualTo(DemoTrust.NORTH.id());
        CloudEvent event = EventCodec.decode(record.value());
        ConcernReported concern = EventCodec.payload(event, ConcernReported.class);
        assertThat(concern.reportedBy()).isEqualTo("north.staff");
        assertThat(concern.submittedBy()).isNull();
        assertThat(concern.category()).isEqualTo(PolicyCategory.BULLYING);
        assertThat(concern.learnerId()).isEqualTo("lrn-test-0001");
        assertThat(concern.account()).isEqualTo(marker);
        assertThat(event.trustid()).isEqualTo(DemoTrust.TRUST_ID);

        given().auth().oauth2(Tokens.password("north.staff")).when().get("/api/v1/concerns")
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.password("north.staff")).when().get("/api/v1/concerns/" + id)
                .then().statusCode(200).body("account", equalTo(marker));
        // Not even the school's DSL reads it here (the case is in triage), nor another reporter.
        given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/concerns/" + id)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("south.staff")).when().get("/api/v1/concerns")
                .then().statusCode(200).body("id", not(hasItem(id)));
        TopicProbe.await(Topics.AUDIT, r -> r.value().contains("concern.read") && r.value().contains(id),
                Duration.ofSeconds(30));
    }

    @Test
    void theSameIdempotencyKeyNeverReportsTwice() {
        String key = UUID.randomUUID().toString();
        String body = concern(DemoTrust.NORTH.id(), "Shared a screenshot " + key);
        String first = report("north.staff", body, key).then().statusCode(201).extract().path("id");
        String second = report("north.staff", body, key).then().statusCode(200).extract().path("id");
        assertThat(second).isEqualTo(first);
        TopicProbe.await(Topics.ALERTS, r -> r.value().contains(first), Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> all = TopicProbe.readAll(Topics.ALERTS, Duration.ofSeconds(10));
        assertThat(all).filteredOn(r -> r.value().contains(key)).hasSize(1);
    }

    @Test
    void anAppReportsOnBehalfOfANamedMemberOfStaff() {
        String body = concern(DemoTrust.NORTH.id(), "From the behaviour system").replace("{",
                "{\"onBehalfOf\": \"north.staff\", ");
        String id = given().auth().oauth2(Tokens.app()).contentType("application/json").body(body)
                .when().post("/api/v1/concerns")
                .then().statusCode(201).body("reportedBy", equalTo("north.staff"))
                .body("submittedBy", equalTo("service-account-vigil-app")).extract().path("id");
        TopicProbe.await(Topics.ALERTS, r -> r.value().contains(id) && r.value().contains("service-account-vigil-app"),
                Duration.ofSeconds(30));
        given().auth().oauth2(Tokens.app()).contentType("application/json")
                .body(concern(DemoTrust.NORTH.id(), "No one named"))
                .when().post("/api/v1/concerns")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("onBehalfOf"));
    }

    @Test
    void aConcernAboutAMemberOfStaffNeedsNoLearner() {
        String body = """
                {"schoolId": "%s", "concernsStaffMember": true, "staffMemberId": "stf-test-01", "category": "other",
                 "account": "A colleague contacted a pupil privately", "occurredAt": "2026-11-20T09:00:00Z"}
                """.formatted(DemoTrust.NORTH.id());
        report("north.staff", body, null).then().statusCode(201).body("concernsStaffMember", equalTo(true))
                .body("learnerId", equalTo(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"north.trust-admin", "north.governor"})
    void rolesThatDoNotReportConcernsAreRefused(String user) {
        report(user, concern(DemoTrust.NORTH.id(), "x"), null).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void withoutATokenNothingIsAccepted() {
        given().contentType("application/json").body(concern(DemoTrust.NORTH.id(), "x"))
                .when().post("/api/v1/concerns").then().statusCode(401).contentType(PROBLEM_JSON);
        given().when().get("/api/v1/concerns").then().statusCode(401);
    }

    @Test
    void staffReportOnlyForTheirOwnSchool() {
        report("north.staff", concern(DemoTrust.SOUTH.id(), "x"), null).then().statusCode(403).contentType(PROBLEM_JSON);
        report("north.staff", concern("no-such-school", "x"), null).then().statusCode(403);
    }

    @Test
    void incompleteOrInconsistentConcernsNameTheirFields() {
        String north = DemoTrust.NORTH.id();
        report("north.staff", "{\"schoolId\": \"" + north + "\"}", null).then().statusCode(400)
                .contentType(PROBLEM_JSON).body("errors.field", hasItems("category", "account", "occurredAt"));
        report("north.staff", concern(north, "x").replace("\"bullying\"", "\"gossip\""), null)
                .then().statusCode(400).body("errors.field", hasItem("category"));
        report("north.staff", concern(north, "x").replace("\"bullying\"", "\"unclassified\""), null)
                .then().statusCode(400).body("errors.field", hasItem("category"));
        report("north.staff", concern(north, "x").replace("\"learnerId\": \"lrn-test-0001\", ", ""), null)
                .then().statusCode(400).body("errors.field", hasItem("learnerId"));
        report("north.staff", concern(north, "x").replace("{", "{\"learnerUnknown\": true, "), null)
                .then().statusCode(400).body("errors.field", hasItem("learnerUnknown"));
        report("north.staff", concern(north, "x").replace("2026-11-20T09:00:00Z",
                Instant.now().plus(Duration.ofDays(1)).toString()), null)
                .then().statusCode(400).body("errors.field", hasItem("occurredAt"));
        report("north.staff", concern(north, "x".repeat(10001)), null)
                .then().statusCode(400).body("errors.field", hasItem("account"));
        report("north.staff", concern(north, "x").replace("{", "{\"onBehalfOf\": \"north.head\", "), null)
                .then().statusCode(400).body("errors.field", hasItem("onBehalfOf"));
        report("north.staff", concern(north, "x").replace("lrn-test-0001", "lrn-test-south"), null)
                .then().statusCode(400).body("errors.field", hasItem("learnerId"));
        report("north.staff", concern(north, "x").replace("{", "{\"concernsStaffMember\": true, "
                + "\"staffMemberId\": \"stf-nobody\", "), null)
                .then().statusCode(400).body("errors.field", hasItem("staffMemberId"));
        report("north.staff", "{\"schoolId\": ", null).then().statusCode(400)
                .body("type", equalTo("urn:vigil:problem:malformed-body"));
    }

    private static Response report(String user, String body, String idempotencyKey) {
        var request = given().auth().oauth2(Tokens.password(user)).contentType("application/json");
        if (idempotencyKey != null) {
            request = request.header(ConcernResource.IDEMPOTENCY_KEY_HEADER, idempotencyKey);
        }
        return request.body(body).when().post("/api/v1/concerns");
    }

    private static String concern(String schoolId, String account) {
        return """
                {"schoolId": "%s", "learnerId": "lrn-test-0001", "category": "bullying", "account": "%s",
                 "location": "Library", "occurredAt": "2026-11-20T09:00:00Z"}
                """.formatted(schoolId, account);
    }
}
