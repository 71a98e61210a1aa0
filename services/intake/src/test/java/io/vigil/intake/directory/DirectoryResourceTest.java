package io.vigil.intake.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonKind;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.SafeguardingRole;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The directory feed on the real stack: what is written is published once, keyed by person; only trust admins and apps of the trust may write. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class DirectoryResourceTest {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String OTHER_TRUST_SCHOOL = "other-trust-school";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void aSchoolOfAnotherTrust() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into school (id, trust_id, name) values (?1, 'another-trust', 'Elsewhere School') "
                        + "on conflict (id) do nothing")
                .setParameter(1, OTHER_TRUST_SCHOOL).executeUpdate());
    }

    @Test
    void learnersUpsertedAsJsonArePublishedKeyedByPersonAndAnUnchangedReuploadPublishesNothing() {
        String a = "lrn-a-" + UUID.randomUUID();
        String b = "lrn-b-" + UUID.randomUUID();
        String body = "[" + learner(a, DemoTrust.NORTH.id(), "Y7") + "," + learner(b, DemoTrust.SOUTH.id(), "R") + "]";

        post("north.trust-admin", "learners", "application/json", body).then().statusCode(200)
                .body("received", equalTo(2)).body("upserted", equalTo(2))
                .body("results.status", contains("upserted", "upserted"))
                .body("results.personId", contains(a, b));

        ConsumerRecord<String, String> first = TopicProbe.await(Topics.DIRECTORY, r -> a.equals(r.key()), WAIT);
        CloudEvent event = EventCodec.decode(first.value());
        LearnerUpdated learner = EventCodec.payload(event, LearnerUpdated.class);
        assertThat(event.trustid()).isEqualTo(DemoTrust.TRUST_ID);
        assertThat(event.schoolid()).isEqualTo(DemoTrust.NORTH.id());
        assertThat(learner.yearGroup()).isEqualTo("Y7");
        assertThat(learner.dateOfBirth()).isEqualTo(LocalDate.parse("2013-09-14"));
        assertThat(learner.send()).isTrue();
        assertThat(learner.guardianIds()).containsExactly("grd-1", "grd-2");
        assertThat(learner.accounts()).hasSize(1);
        assertThat(first.value()).doesNotContain("Ada").doesNotContain("firstName");
        TopicProbe.await(Topics.DIRECTORY, r -> b.equals(r.key()), WAIT);

        post("north.trust-admin", "learners", "application/json", body).then().statusCode(200)
                .body("unchanged", equalTo(2)).body("upserted", equalTo(0));
        // A change after the unchanged upload: same key, so same partition, so read in order after it.
        post("north.trust-admin", "learners", "application/json", "[" + learner(a, DemoTrust.NORTH.id(), "Y8") + "]")
                .then().statusCode(200).body("upserted", equalTo(1));
        TopicProbe.await(Topics.DIRECTORY, r -> a.equals(r.key()) && r.value().contains("\"Y8\""), WAIT);
        List<ConsumerRecord<String, String>> ofA = TopicProbe.readAll(Topics.DIRECTORY, WAIT).stream()
                .filter(r -> a.equals(r.key())).toList();
        assertThat(ofA).hasSize(2);
    }

    @Test
    void staffAndGuardiansUpsertedAsCsvArePublishedWithoutFormulas() {
        String staff = "stf-" + UUID.randomUUID();
        String csv = """
                personId,schoolId,displayName,email,mobile,safeguardingRole,accounts
                %s,%s,"=HYPERLINK(""http://evil.example"",""Mr Smith"")",j.smith@north.example,+44 7700 900123,deputy-dsl,"|jsmith|;%s|@jsmith-laptop|"
                """.formatted(staff, DemoTrust.NORTH.id(), DemoTrust.NORTH.applianceId());
        post("north.trust-admin", "staff", "text/csv", csv).then().statusCode(200)
                .body("upserted", equalTo(1)).body("results[0].personId", equalTo(staff));

        StaffMemberUpdated published = EventCodec.payload(EventCodec.decode(
                TopicProbe.await(Topics.DIRECTORY, r -> staff.equals(r.key()), WAIT).value()), StaffMemberUpdated.class);
        assertThat(published.displayName()).isEqualTo("HYPERLINK(\"http://evil.example\",\"Mr Smith\")");
        assertThat(published.safeguardingRole()).isEqualTo(SafeguardingRole.DEPUTY_DSL);
        assertThat(published.mobile()).isEqualTo("+447700900123");
        assertThat(published.accounts()).extracting(acc -> acc.username())
                .containsExactlyInAnyOrder("jsmith", "jsmith-laptop");
        get("north.trust-admin", "staff", staff).then().statusCode(200)
                .body("displayName", equalTo("HYPERLINK(\"http://evil.example\",\"Mr Smith\")"))
                .body("trustId", equalTo(DemoTrust.TRUST_ID));

        String guardian = "grd-" + UUID.randomUUID();
        String guardians = """
                personId,schoolId,learnerIds,displayName,email,mobile,preferredLanguage,parentalResponsibility,doNotContact,doNotContactReason
                %s,%s,lrn-1;lrn-2,@Mrs Jones,,07700 900456,cy,yes,no,
                """.formatted(guardian, DemoTrust.SOUTH.id());
        post("south.trust-admin", "guardians", "text/csv", guardians).then().statusCode(200).body("upserted", equalTo(1));
        GuardianUpdated g = EventCodec.payload(EventCodec.decode(
                TopicProbe.await(Topics.DIRECTORY, r -> guardian.equals(r.key()), WAIT).value()), GuardianUpdated.class);
        assertThat(g.displayName()).isEqualTo("Mrs Jones");
        assertThat(g.learnerIds()).containsExactly("lrn-1", "lrn-2");
        assertThat(g.parentalResponsibility()).isTrue();
        assertThat(g.doNotContact()).isFalse();
        assertThat(g.email()).isNull();
    }

    @Test
    void removingAPersonPublishesPersonRemovedAndForgetsThem() {
        String id = "lrn-gone-" + UUID.randomUUID();
        post("north.trust-admin", "learners", "application/json", "[" + learner(id, DemoTrust.NORTH.id(), "Y3") + "]")
                .then().statusCode(200);
        given().auth().oauth2(Tokens.app()).when().delete("/api/v1/directory/learners/" + id).then().statusCode(204);

        ConsumerRecord<String, String> removal = TopicProbe.await(Topics.DIRECTORY,
                r -> id.equals(r.key()) && r.value().contains("person-removed"), WAIT);
        PersonRemoved removed = EventCodec.payload(EventCodec.decode(removal.value()), PersonRemoved.class);
        assertThat(removed.kind()).isEqualTo(PersonKind.LEARNER);
        assertThat(removed.schoolId()).isEqualTo(DemoTrust.NORTH.id());
        get("north.trust-admin", "learners", id).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.app()).when().delete("/api/v1/directory/learners/" + id)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        Long accounts = QuarkusTransaction.requiringNew().call(() -> (Long) entityManager.createQuery(
                "select count(a) from PersonAccount a where a.personId = ?1").setParameter(1, id).getSingleResult());
        assertThat(accounts).isZero();
    }

    @Test
    void anAppClientMayWriteForItsTrust() {
        String id = "stf-app-" + UUID.randomUUID();
        post(Tokens.app(), "staff", "application/json", staffMember(id, DemoTrust.SOUTH.id(), "dsl"))
                .then().statusCode(200).body("upserted", equalTo(1));
        post(Tokens.app(), "staff", "application/json", staffMember("stf-x-" + UUID.randomUUID(), OTHER_TRUST_SCHOOL,
                "dsl")).then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.app()).when().get("/api/v1/directory/staff/" + id)
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"north.staff", "north.dsl", "north.head", "north.trust-safeguarding-lead"})
    void onlyTrustAdminsAndAppsMayWrite(String user) {
        String id = "lrn-" + UUID.randomUUID();
        post(user, "learners", "application/json", "[" + learner(id, DemoTrust.NORTH.id(), "Y1") + "]")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password(user)).when().delete("/api/v1/directory/learners/" + id)
                .then().statusCode(403).contentType(PROBLEM_JSON);
        get(user, "learners", id).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void withoutATokenTheDirectoryIsClosed() {
        given().contentType("application/json").body("[" + learner("lrn-x", DemoTrust.NORTH.id(), "Y1") + "]")
                .when().post("/api/v1/directory/learners").then().statusCode(401).contentType(PROBLEM_JSON);
        given().when().get("/api/v1/directory/learners/lrn-x").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void aSchoolOutsideTheTrustRefusesTheWholeUploadAndItsPeopleStayOutOfReach() {
        String mine = "lrn-" + UUID.randomUUID();
        String theirs = "lrn-theirs-" + UUID.randomUUID();
        post("north.trust-admin", "learners", "application/json", "[" + learner(mine, DemoTrust.NORTH.id(), "Y1") + ","
                + learner(theirs, OTHER_TRUST_SCHOOL, "Y1") + "]")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("urn:vigil:problem:forbidden"));
        get("north.trust-admin", "learners", mine).then().statusCode(404);

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into learner (id, school_id, year_group, date_of_birth, send, looked_after, "
                        + "child_protection_plan, eal, updated_at) values (?1, ?2, 'Y5', '2016-01-01', false, false, "
                        + "false, false, now())")
                .setParameter(1, theirs).setParameter(2, OTHER_TRUST_SCHOOL).executeUpdate());
        get("north.trust-admin", "learners", theirs).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.trust-admin")).when().delete("/api/v1/directory/learners/" + theirs)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        // Nor can its id be taken over by an upload to a school of this trust.
        post("north.trust-admin", "learners", "application/json", "[" + learner(theirs, DemoTrust.NORTH.id(), "Y5") + "]")
                .then().statusCode(400).body("errors.field", hasItem("records[0].personId"));
    }

    static Response post(String userOrToken, String kind, String contentType, String body) {
        String token = userOrToken.contains(".") && userOrToken.length() < 40 ? Tokens.password(userOrToken) : userOrToken;
        return given().auth().oauth2(token).contentType(contentType).body(body)
                .when().post("/api/v1/directory/" + kind);
    }

    static Response get(String user, String kind, String id) {
        return given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/directory/" + kind + "/" + id);
    }

    static String learner(String id, String schoolId, String yearGroup) {
        return """
                {"personId": "%s", "schoolId": "%s", "yearGroup": "%s", "dateOfBirth": "2013-09-14",
                 "send": true, "lookedAfter": false, "childProtectionPlan": false, "eal": true,
                 "homeLanguage": "Polish", "guardianIds": ["grd-2", "grd-1"], "firstName": "Ada",
                 "accounts": [{"username": "%s"}]}
                """.formatted(id, schoolId, yearGroup, "user-" + id);
    }

    static String staffMember(String id, String schoolId, String role) {
        return """
                [{"personId": "%s", "schoolId": "%s", "displayName": "Ms Patel", "email": "r.patel@school.example",
                  "safeguardingRole": "%s", "accounts": []}]
                """.formatted(id, schoolId, role);
    }
}
