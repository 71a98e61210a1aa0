package io.vigil.reporting.register;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The register is built from incident events on the real broker and shown only within the caller's schools. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class RegisterTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void openedAndUpdatedIncidentsAreRegisteredOnceAndScopedBySchool() {
        IncidentOpened north = opened(DemoTrust.NORTH);
        IncidentOpened south = opened(DemoTrust.SOUTH);
        String northEvent = UUID.randomUUID().toString();
        publish(north, northEvent, north);
        publish(north, northEvent, north);
        publish(south, UUID.randomUUID().toString(), south);
        IncidentUpdated acknowledged = new IncidentUpdated(north.incidentId(), north.trustId(), north.schoolId(),
                "acknowledged", "acknowledged", Severity.LOW, 3, "north.dsl", north.firstSeenAt(), Instant.now());
        publish(north, UUID.randomUUID().toString(), acknowledged);

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            RegisterEntry entry = RegisterEntry.findById(north.incidentId());
            return entry != null && "acknowledged".equals(entry.status)
                    && RegisterEntry.findById(south.incidentId()) != null;
        }));
        assertThat(QuarkusTransaction.requiringNew().call(() -> RegisterEntry.count("incidentId", north.incidentId())))
                .isEqualTo(1);

        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/register/incidents?size=500")
                .then().statusCode(200)
                .body("incidentId", hasItem(north.incidentId()))
                .body("incidentId", not(hasItem(south.incidentId())))
                .body("find { it.incidentId == '" + north.incidentId() + "' }.alertCount", equalTo(3));
        given().auth().oauth2(Tokens.password("south.head"))
                .when().get("/api/v1/register/incidents?size=500")
                .then().statusCode(200)
                .body("incidentId", hasItem(south.incidentId()))
                .body("incidentId", not(hasItem(north.incidentId())));
        given().auth().oauth2(Tokens.password("south.trust-safeguarding-lead"))
                .when().get("/api/v1/register/incidents?size=500")
                .then().statusCode(200)
                .body("incidentId", hasItem(south.incidentId()))
                .body("incidentId", hasItem(north.incidentId()));
    }

    @Test
    void theRowRecordsMilestonesReferralsOutcomesAndParentContact() {
        IncidentOpened incident = opened(DemoTrust.NORTH);
        publish(incident, UUID.randomUUID().toString(), incident);
        // PostgreSQL keeps microseconds.
        Instant opened = incident.openedAt().truncatedTo(ChronoUnit.MICROS);
        publish(incident, UUID.randomUUID().toString(), change(incident, "acknowledged", "acknowledged",
                opened.plusSeconds(60), null, null, null));
        publish(incident, UUID.randomUUID().toString(), change(incident, "referred", "acknowledged",
                opened.plusSeconds(120), null, "mash", null));
        publish(incident, UUID.randomUUID().toString(), change(incident, "referred", "acknowledged",
                opened.plusSeconds(130), null, "police", null));
        publish(incident, UUID.randomUUID().toString(), change(incident, "parent-contact-withheld", "acknowledged",
                opened.plusSeconds(140), null, null, "police-advice"));
        publish(incident, UUID.randomUUID().toString(), change(incident, "closed", "closed",
                opened.plusSeconds(600), "referred", null, null));

        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            RegisterEntry entry = RegisterEntry.findById(incident.incidentId());
            return entry != null && "closed".equals(entry.status);
        }));
        QuarkusTransaction.requiringNew().run(() -> {
            RegisterEntry entry = RegisterEntry.findById(incident.incidentId());
            assertThat(entry.acknowledgedAt).isEqualTo(opened.plusSeconds(60));
            assertThat(entry.closedAt).isEqualTo(opened.plusSeconds(600));
            assertThat(entry.outcome).isEqualTo("referred");
            assertThat(entry.parentContact).isEqualTo("withheld");
            assertThat(entry.parentContactReason).isEqualTo("police-advice");
            assertThat(entry.fourCs).isEqualTo("content,conduct");
            assertThat(entry.sourceId).isEqualTo("north-test-appliance");
            assertThat(Referral.<Referral>list("incidentId", incident.incidentId()).stream().map(r -> r.agency))
                    .containsExactlyInAnyOrder("mash", "police");
        });
    }

    @Test
    void aConcernAboutAMemberOfStaffIsInTheRegisterOnlyForTheRolesItWasRoutedTo() {
        Instant now = Instant.now();
        IncidentOpened aboutStaff = new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID,
                DemoTrust.NORTH.id(), "other", Severity.HIGH, List.of("test"), "head", List.of("con-1"), null, now,
                now, List.of(), true, List.of(), "stf-1");
        publish(aboutStaff, UUID.randomUUID().toString(), aboutStaff);
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> RegisterEntry.findById(aboutStaff.incidentId()) != null));
        for (String user : List.of("north.dsl", "north.deputy-dsl", "north.trust-safeguarding-lead")) {
            given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/register/incidents?size=500")
                    .then().statusCode(200).body("incidentId", not(hasItem(aboutStaff.incidentId())));
        }
        given().auth().oauth2(Tokens.password("north.head")).when().get("/api/v1/register/incidents?size=500")
                .then().statusCode(200).body("incidentId", hasItem(aboutStaff.incidentId()));
    }

    private static IncidentUpdated change(IncidentOpened incident, String change, String status, Instant at,
            String outcome, String agency, String reason) {
        return new IncidentUpdated(incident.incidentId(), incident.trustId(), incident.schoolId(), change, status,
                incident.severity(), 1, "north.dsl", incident.firstSeenAt(), at, outcome, agency, reason);
    }

    @Test
    void authorisationMatrix() {
        given().when().get("/api/v1/register/incidents").then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.staff"))
                .when().get("/api/v1/register/incidents").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.governor"))
                .when().get("/api/v1/register/incidents").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/register/incidents?schoolId=" + DemoTrust.SOUTH.id())
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void anUpdateForAnUnknownIncidentIsDeadLettered() {
        String unknown = UUID.randomUUID().toString();
        IncidentUpdated orphan = new IncidentUpdated(unknown, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), "closed",
                "closed", Severity.LOW, 1, null, Instant.now(), Instant.now());
        TopicProbe.send(Topics.INCIDENTS, unknown, EventCodec.encode(EventCodec.envelope("/vigil/triage", orphan,
                unknown, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, Instant.now())));

        // Reporting may first be reading the incident events the build's earlier modules left on the topic.
        ConsumerRecord<String, String> dead = TopicProbe.await(Topics.deadLetterOf(Topics.INCIDENTS),
                r -> r.value() != null && r.value().contains(unknown), Duration.ofSeconds(90));
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("unknown incident");
    }

    private static IncidentOpened opened(DemoTrust.School school) {
        Instant now = Instant.now();
        return new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, school.id(), "self-harm",
                Severity.HIGH, List.of("test"), "dsl", List.of(UUID.randomUUID().toString()), "pupil-1", now, now,
                null, false, null, null, null, null, school.userPrefix() + "-test-appliance");
    }

    private static void publish(IncidentOpened incident, String eventId, Record payload) {
        TopicProbe.send(Topics.INCIDENTS, incident.incidentId(), EventCodec.encode(EventCodec.envelope(eventId,
                "/vigil/triage", payload, incident.incidentId(), incident.trustId(), incident.schoolId(), null,
                Instant.now())));
    }
}
