package io.vigil.triage.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import io.vigil.triage.alert.IncidentAlert;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may read incidents: right role, wrong role, right role at another school. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private String northIncident;
    private String southIncident;

    @BeforeAll
    void oneIncidentAtEachSchool() {
        northIncident = openIncident(DemoTrust.NORTH);
        southIncident = openIncident(DemoTrust.SOUTH);
    }

    @Test
    void northDslSeesNorthIncidentsOnly() {
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents?size=500")
                .then().statusCode(200)
                .body("id", hasItem(northIncident))
                .body("id", not(hasItem(southIncident)))
                .body("schoolId", everyItem(equalTo(DemoTrust.NORTH.id())));
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents/" + northIncident)
                .then().statusCode(200).body("schoolId", equalTo(DemoTrust.NORTH.id()))
                .body("severity", equalTo("medium"));
    }

    @Test
    void anotherSchoolsIncidentIsNotFoundAndItsListIsForbidden() {
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents/" + southIncident)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        TopicProbe.await(Topics.AUDIT, r -> r.value() != null && r.value().contains("\"resourceId\":\"" + southIncident)
                && r.value().contains("\"outcome\":\"denied\"") && r.value().contains("\"actor\":\"north.dsl\""),
                Duration.ofSeconds(30));
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents?schoolId=" + DemoTrust.SOUTH.id())
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("urn:vigil:problem:forbidden"));
        given().auth().oauth2(Tokens.password("south.dsl"))
                .when().get("/api/v1/incidents?size=500")
                .then().statusCode(200)
                .body("id", hasItem(southIncident))
                .body("id", not(hasItem(northIncident)));
    }

    @Test
    void theTrustSafeguardingLeadSeesEverySchoolOfTheTrust() {
        given().auth().oauth2(Tokens.password("north.trust-safeguarding-lead"))
                .when().get("/api/v1/incidents?size=500")
                .then().statusCode(200)
                .body("id", hasItem(northIncident))
                .body("id", hasItem(southIncident));
    }

    @ParameterizedTest
    @ValueSource(strings = {"north.staff", "north.governor", "north.trust-admin"})
    void rolesWithoutCaseAccessAreForbidden(String user) {
        given().auth().oauth2(Tokens.password(user))
                .when().get("/api/v1/incidents")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password(user))
                .when().get("/api/v1/incidents/" + northIncident)
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void anAppClientIsForbidden() {
        given().auth().oauth2(Tokens.clientCredentials("vigil-app", "vigil-app-dev-secret"))
                .when().get("/api/v1/incidents")
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void missingOrInvalidTokensAreUnauthorised() {
        given().when().get("/api/v1/incidents")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2("not.a.token")
                .when().get("/api/v1/incidents")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void badQueryParametersAreNamed() {
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents?size=0")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("size"));
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    private static String openIncident(DemoTrust.School school) {
        String alertId = UUID.randomUUID().toString();
        Alerts.publish(Alerts.alert(school, alertId, "sw-" + alertId), alertId);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> IncidentAlert.findById(alertId) != null));
        return QuarkusTransaction.requiringNew()
                .call(() -> IncidentAlert.<IncidentAlert>findById(alertId).incidentId.toString());
    }
}
