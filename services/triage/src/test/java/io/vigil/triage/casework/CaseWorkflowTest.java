package io.vigil.triage.casework;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A case's whole life on the real stack, and who may touch it. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class CaseWorkflowTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void aFullCaseLifecycleWithReferralAndParentContactApproval() {
        String id = newIncident(DemoTrust.NORTH);
        String dsl = "north.dsl";
        post(dsl, id, "close", "{\"outcome\": \"handled-in-school\"}").then().statusCode(409)
                .contentType(PROBLEM_JSON).body("detail", org.hamcrest.Matchers.containsString("Acknowledge"));
        post(dsl, id, "acknowledge", null).then().statusCode(200).body("status", equalTo("acknowledged"))
                .body("acknowledgedBy", equalTo(dsl));
        post(dsl, id, "acknowledge", null).then().statusCode(409);
        post(dsl, id, "assign", "{\"assignee\": \"north.deputy-dsl\"}").then().statusCode(200)
                .body("assignee", equalTo("north.deputy-dsl"));
        post("north.deputy-dsl", id, "notes", "{\"action\": \"Spoke to the pupil with their tutor\"}")
                .then().statusCode(200);
        post(dsl, id, "referrals", "{\"agency\": \"the-moon\"}").then().statusCode(400)
                .body("errors.field", hasItem("agency"));
        post(dsl, id, "referrals", "{\"agency\": \"children-social-care\", \"reference\": \"MASH-2026-0042\"}")
                .then().statusCode(200);
        post(dsl, id, "parent-contact", "{\"decision\": \"approve\"}").then().statusCode(400)
                .body("errors.field", hasItem("guardianIds"));
        post(dsl, id, "parent-contact", "{\"decision\": \"approve\", \"guardianIds\": [\"grd-1\"], "
                + "\"templateId\": \"parent-filtering-breach.v1\"}").then().statusCode(200)
                .body("parentContact", equalTo("approved"));
        ParentContactApproved approved = EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS,
                r -> r.key().equals(id) && r.value().contains(EventType.PARENT_CONTACT_APPROVED_V1.type()),
                Duration.ofSeconds(30)).value()), ParentContactApproved.class);
        assertThat(approved.guardianIds()).containsExactly("grd-1");
        assertThat(approved.approvedBy()).isEqualTo(dsl);
        post(dsl, id, "parent-contact", "{\"decision\": \"withhold\", \"reason\": \"police-advice\"}")
                .then().statusCode(409);
        post(dsl, id, "close", "{}").then().statusCode(400).body("errors.field", hasItem("outcome"));
        post(dsl, id, "close", "{\"outcome\": \"referred\", \"summary\": \"MASH took it on\"}").then().statusCode(200)
                .body("status", equalTo("closed")).body("outcome", equalTo("referred"));
        post(dsl, id, "notes", "{\"action\": \"late note\"}").then().statusCode(409);
        post(dsl, id, "reopen", "{\"reason\": \"New information from MASH\"}").then().statusCode(200)
                .body("status", equalTo("acknowledged"));
        post(dsl, id, "reopen", "{\"reason\": \"again\"}").then().statusCode(409);
        post(dsl, id, "false-positive", "{\"reason\": \"The site was a news report\"}").then().statusCode(200)
                .body("outcome", equalTo("false-positive"));

        IncidentUpdated referred = update(id, "referred");
        assertThat(referred.agency()).isEqualTo("children-social-care");
        assertThat(referred.outcome()).isNull();
        assertThat(TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(10)).stream()
                .filter(r -> r.key().equals(id) && r.value().contains("\"change\":\"closed\""))
                .map(r -> EventCodec.payload(EventCodec.decode(r.value()), IncidentUpdated.class).outcome()))
                .containsExactly("referred", "false-positive");

        given().auth().oauth2(Tokens.password("north.head")).when().get("/api/v1/incidents/" + id + "/chronology")
                .then().statusCode(200)
                .body("kind", contains("transition", "transition", "note", "referral", "parent-contact", "transition",
                        "transition", "transition"))
                .body("[3].reference", equalTo("MASH-2026-0042"))
                .body("[2].actor", equalTo("north.deputy-dsl"));
        TopicProbe.await(Topics.AUDIT, r -> r.value().contains("incident.chronology-read") && r.value().contains(id),
                Duration.ofSeconds(30));
    }

    @Test
    void parentsAreNotContactedWhenTheDslRecordsARisk() {
        String id = newIncident(DemoTrust.NORTH);
        post("north.dsl", id, "parent-contact", "{\"decision\": \"withhold\"}").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        post("north.dsl", id, "parent-contact", "{\"decision\": \"withhold\", \"reason\": \"risk-to-child\"}")
                .then().statusCode(200).body("parentContact", equalTo("withheld"));
        assertThat(update(id, "parent-contact-withheld").reason()).isEqualTo("risk-to-child");
        assertThat(TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(10))).noneMatch(r -> r.key().equals(id)
                && r.value().contains(EventType.PARENT_CONTACT_APPROVED_V1.type()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"north.staff", "north.governor", "north.trust-admin"})
    void rolesOutsideTheSafeguardingTeamCannotActOnCases(String user) {
        String id = newIncident(DemoTrust.NORTH);
        post(user, id, "acknowledge", null).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void anotherSchoolsTeamCannotSeeOrActOnTheCaseAndNobodyWithoutAToken() {
        String id = newIncident(DemoTrust.NORTH);
        post("south.dsl", id, "acknowledge", null).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("south.dsl")).when().get("/api/v1/incidents/" + id + "/chronology")
                .then().statusCode(404);
        given().when().post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(401);
        post("north.dsl", "not-a-uuid", "acknowledge", null).then().statusCode(404);
    }

    private static Response post(String user, String id, String action, String body) {
        var request = given().auth().oauth2(Tokens.password(user));
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        return request.when().post("/api/v1/incidents/" + id + "/" + action);
    }

    private static IncidentUpdated update(String id, String change) {
        return EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS, r -> r.key().equals(id)
                && r.value().contains("\"change\":\"" + change + "\""), Duration.ofSeconds(30)).value()),
                IncidentUpdated.class);
    }

    private static String newIncident(DemoTrust.School school) {
        String eventId = UUID.randomUUID().toString();
        AlertReceived alert = Alerts.alert(school, eventId, eventId);
        Alerts.publish(alert, eventId);
        IncidentOpened opened = EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS,
                r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type()) && r.value().contains(eventId),
                Duration.ofSeconds(30)).value()), IncidentOpened.class);
        assertThat(opened.sourceId()).isEqualTo(alert.applianceId());
        return opened.incidentId();
    }
}
