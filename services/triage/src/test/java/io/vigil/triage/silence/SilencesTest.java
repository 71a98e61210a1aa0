package io.vigil.triage.silence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import io.vigil.triage.deadline.Escalations;
import io.vigil.triage.incident.Incident;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Silences on the real stack: who may make them, what they silence, and that silenced alerts still count. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class SilencesTest {

    @Inject
    Escalations escalations;

    @Test
    void aSilencedSubjectStillMakesIncidentsButNobodyIsToldUntilItIsExpired() {
        String kiosk = "Kiosk-" + UUID.randomUUID();
        String silenceId = create("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "subject", kiosk,
                "category", "gambling", "reason", "Library kiosk shows betting adverts", "endsAt", inHours(2)))
                .then().statusCode(201).extract().path("id");

        IncidentOpened silenced = Alerts.awaitOpened(Alerts.publishBlocked("Gambling", kiosk));
        assertThat(silenced.silenceId()).isEqualTo(silenceId);
        assertThat(silenced.silenced()).isTrue();
        // A second alert joins the silenced incident and is counted there.
        String second = Alerts.publishBlocked("Gambling", kiosk);
        TopicProbe.await(Topics.INCIDENTS, r -> r.key().equals(silenced.incidentId())
                && r.value().contains(EventType.INCIDENT_UPDATED_V1.type()), Duration.ofSeconds(30));
        Incident stored = QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>findById(
                UUID.fromString(silenced.incidentId())));
        assertThat(stored.alertCount).isEqualTo(2);
        assertThat(stored.ackDueAt).as("a silenced incident has no deadline").isNull();
        assertThat(second).isNotBlank();

        // Other categories of the same subject and illegal content are never silenced by it.
        assertThat(Alerts.awaitOpened(Alerts.publishBlocked("Pornography", kiosk)).silenceId()).isNull();
        assertThat(Alerts.awaitOpened(Alerts.publishBlocked("IWF", kiosk)).silenceId()).isNull();

        // A silenced incident never escalates.
        escalations.run(Instant.now().plus(Duration.ofDays(3)));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>findById(
                UUID.fromString(silenced.incidentId())).escalationLevel)).isZero();

        given().auth().oauth2(Tokens.password("north.head")).when().delete("/api/v1/silences/" + silenceId)
                .then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("expired"))
                .body("expiredBy", org.hamcrest.Matchers.equalTo("north.head"));
        given().auth().oauth2(Tokens.password("north.head")).when().delete("/api/v1/silences/" + silenceId)
                .then().statusCode(409).contentType("application/problem+json");
        IncidentOpened after = Alerts.awaitOpened(Alerts.publishBlocked("Gambling", kiosk));
        assertThat(after.silenceId()).isNull();
        assertThat(after.incidentId()).as("an alert nobody silenced never joins a silenced incident")
                .isNotEqualTo(silenced.incidentId());

        List<String> listed = given().auth().oauth2(Tokens.password("north.deputy-dsl"))
                .when().get("/api/v1/silences?includeExpired=true").then().statusCode(200).extract().path("id");
        assertThat(listed).contains(silenceId);
        List<String> current = given().auth().oauth2(Tokens.password("north.deputy-dsl"))
                .when().get("/api/v1/silences").then().statusCode(200).extract().path("id");
        assertThat(current).doesNotContain(silenceId);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "illegal content | {\"schoolId\":\"north-primary\",\"category\":\"child-sexual-abuse-material\",\"reason\":\"r\",\"endsAt\":\"+1\"} | category",
        "unknown category | {\"schoolId\":\"north-primary\",\"category\":\"noise\",\"reason\":\"r\",\"endsAt\":\"+1\"} | category",
        "no matcher | {\"schoolId\":\"north-primary\",\"reason\":\"r\",\"endsAt\":\"+1\"} | applianceId",
        "ended already | {\"schoolId\":\"north-primary\",\"subject\":\"k\",\"reason\":\"r\",\"endsAt\":\"-1\"} | endsAt",
        "too long | {\"schoolId\":\"north-primary\",\"subject\":\"k\",\"reason\":\"r\",\"endsAt\":\"+800\"} | endsAt",
        "every school, by a DSL | {\"subject\":\"k\",\"reason\":\"r\",\"endsAt\":\"+1\"} | schoolId",
        "no reason | {\"schoolId\":\"north-primary\",\"subject\":\"k\",\"endsAt\":\"+1\"} | reason"
    })
    void anInvalidSilenceIsA400NamingTheField(String name, String body, String field) {
        given().auth().oauth2(Tokens.password("north.dsl")).contentType("application/json")
                .body(body.replace("\"+1\"", "\"" + inHours(1) + "\"").replace("\"-1\"", "\"" + inHours(-1) + "\"")
                        .replace("\"+800\"", "\"" + inHours(800) + "\""))
                .when().post("/api/v1/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }

    @Test
    void onlyTheTeamItsSchoolAndTheTrustAdminSeeAndChangeASilence() {
        // An appliance nobody sends from: the build's other tests share this database and broker.
        Map<String, Object> north = Map.of("schoolId", DemoTrust.NORTH.id(), "applianceId",
                "north-appliance-" + UUID.randomUUID(), "reason", "Appliance firmware upgrade", "endsAt", inHours(1));
        create("north.deputy-dsl", north).then().statusCode(403);
        create("north.staff", north).then().statusCode(403);
        create("north.governor", north).then().statusCode(403);
        create("south.dsl", north).then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/silences").then().statusCode(401);
        given().auth().oauth2(Tokens.password("north.staff")).when().get("/api/v1/silences").then().statusCode(403);
        given().auth().oauth2(Tokens.password("north.governor")).when().get("/api/v1/silences").then().statusCode(403);

        String id = create("north.dsl", north).then().statusCode(201).extract().path("id");
        List<String> southSees = given().auth().oauth2(Tokens.password("south.dsl")).when().get("/api/v1/silences")
                .then().statusCode(200).extract().path("id");
        assertThat(southSees).doesNotContain(id);
        given().auth().oauth2(Tokens.password("south.dsl")).when().get("/api/v1/silences?schoolId=" + DemoTrust.NORTH.id())
                .then().statusCode(403);
        given().auth().oauth2(Tokens.password("south.head")).when().delete("/api/v1/silences/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.password("north.deputy-dsl")).when().delete("/api/v1/silences/" + id)
                .then().statusCode(403);

        // A silence of another trust is invisible, even to the trust admin.
        Silence other = otherTrustSilence();
        given().auth().oauth2(Tokens.password("north.trust-admin")).when().delete("/api/v1/silences/" + other.id)
                .then().statusCode(404);
        List<String> adminSees = given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get("/api/v1/silences?includeExpired=true").then().statusCode(200).extract().path("id");
        assertThat(adminSees).contains(id).doesNotContain(other.id.toString());

        String everySchool = create("north.trust-admin", Map.of("applianceId", "trust-proxy", "reason",
                "Proxy maintenance", "endsAt", inHours(1))).then().statusCode(201).extract().path("id");
        assertThat(given().auth().oauth2(Tokens.password("south.dsl")).when().get("/api/v1/silences")
                .then().statusCode(200).extract().<List<String>>path("id")).contains(everySchool);
        given().auth().oauth2(Tokens.password("south.dsl")).when().delete("/api/v1/silences/" + everySchool)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.password("south.trust-admin")).when().delete("/api/v1/silences/" + everySchool)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.password("north.dsl")).when().delete("/api/v1/silences/" + id)
                .then().statusCode(200);
    }

    private static Silence otherTrustSilence() {
        Silence silence = new Silence();
        silence.id = UUID.randomUUID();
        silence.trustId = "another-trust";
        silence.schoolId = DemoTrust.NORTH.id();
        silence.subject = "kiosk";
        silence.createdBy = "someone";
        silence.reason = "theirs";
        silence.startsAt = Instant.now();
        silence.endsAt = Instant.now().plus(Duration.ofHours(1));
        silence.createdAt = Instant.now();
        QuarkusTransaction.requiringNew().run(silence::persist);
        return silence;
    }

    private static Response create(String user, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.password(user)).contentType("application/json").body(body)
                .when().post("/api/v1/silences");
    }

    private static String inHours(int hours) {
        return Instant.now().plus(Duration.ofHours(hours)).toString();
    }
}
