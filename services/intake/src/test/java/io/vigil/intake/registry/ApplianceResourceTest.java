package io.vigil.intake.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The appliance registry on the real stack: keys shown once, rotated, revoked; only trust admins, only their schools. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ApplianceResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String OTHER_TRUST_SCHOOL = "other-trust-school";

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
    void aRegisteredAppliancesKeyWorksOnceIssuedAndIsNeverShownAgain() {
        Response created = register(DemoTrust.NORTH.id(), "north.trust-admin");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/appliances/"))
                .body("apiKey", startsWith("vgl_"))
                .body("appliance.schoolId", equalTo(DemoTrust.NORTH.id()))
                .body("appliance.status", equalTo("active"))
                .body("appliance.expectedHeartbeatMinutes", equalTo(30));
        String id = created.path("appliance.id");
        String key = created.path("apiKey");
        assertThat(key).hasSizeGreaterThan(40);
        assertThat(created.header("Location")).endsWith("/api/v1/appliances/" + id);

        postAlert(key).then().statusCode(202);
        String listed = given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get("/api/v1/appliances?schoolId=" + DemoTrust.NORTH.id())
                .then().statusCode(200).body("id", hasItem(id)).extract().asString();
        assertThat(listed).doesNotContain(key).contains(key.substring(0, 12));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get("/api/v1/appliances/" + id)
                .then().statusCode(200).body("lastSeenAt", notNullValue()));
        TopicProbe.await(Topics.AUDIT, r -> r.value() != null && r.value().contains("appliance.registered")
                && r.value().contains(id), Duration.ofSeconds(30));
    }

    @Test
    void rotationReplacesTheKeyAtOnceAndRevocationStopsIt() {
        Response created = register(DemoTrust.SOUTH.id(), "south.trust-admin");
        String id = created.path("appliance.id");
        String oldKey = created.path("apiKey");

        String newKey = given().auth().oauth2(Tokens.password("south.trust-admin"))
                .when().post("/api/v1/appliances/" + id + "/key")
                .then().statusCode(200).body("apiKey", startsWith("vgl_")).extract().path("apiKey");
        assertThat(newKey).isNotEqualTo(oldKey);
        postAlert(oldKey).then().statusCode(401).contentType(PROBLEM_JSON);
        postAlert(newKey).then().statusCode(202);

        given().auth().oauth2(Tokens.password("south.trust-admin"))
                .when().post("/api/v1/appliances/" + id + "/revoke")
                .then().statusCode(200).body("status", equalTo("revoked")).body("revokedAt", notNullValue());
        postAlert(newKey).then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void aSigningSecretIsShownOnceAndFromThenOnUnsignedRequestsAreRefused() {
        Response created = register(DemoTrust.NORTH.id(), "north.trust-admin");
        String id = created.path("appliance.id");
        String key = created.path("apiKey");
        postAlert(key).then().statusCode(202);

        String secret = given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().post("/api/v1/appliances/" + id + "/signing-secret")
                .then().statusCode(200).body("appliance.signsRequests", equalTo(true))
                .body("signingSecret", startsWith("vgs_")).extract().path("signingSecret");
        postAlert(key).then().statusCode(401).body("detail", containsString("signs its requests"));
        String listed = given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get("/api/v1/appliances/" + id).then().statusCode(200)
                .body("signsRequests", equalTo(true)).extract().asString();
        assertThat(listed).doesNotContain(secret);
        TopicProbe.await(Topics.AUDIT, r -> r.value() != null && r.value().contains("appliance.signing-secret-issued")
                && r.value().contains(id), Duration.ofSeconds(30));

        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().delete("/api/v1/appliances/" + id + "/signing-secret").then().statusCode(403);
        given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().delete("/api/v1/appliances/" + id + "/signing-secret")
                .then().statusCode(200).body("signsRequests", equalTo(false));
        postAlert(key).then().statusCode(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"north.dsl", "north.head", "north.staff", "north.governor", "north.trust-safeguarding-lead"})
    void onlyTrustAdminsMayUseTheRegistry(String user) {
        given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/appliances")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        register(DemoTrust.NORTH.id(), user).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void withoutATokenTheRegistryIsClosed() {
        given().when().get("/api/v1/appliances").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void anotherTrustsSchoolAndItsAppliancesAreOutOfReach() {
        register(OTHER_TRUST_SCHOOL, "north.trust-admin").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get("/api/v1/appliances?schoolId=" + OTHER_TRUST_SCHOOL)
                .then().statusCode(403).contentType(PROBLEM_JSON);
        String otherAppliance = "other-trust-appliance-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into appliance (id, school_id, vendor, kind, name, key_hash) "
                        + "values (?1, ?2, 'sophos', 'filtering', 'Their filter', ?3)")
                .setParameter(1, otherAppliance).setParameter(2, OTHER_TRUST_SCHOOL)
                .setParameter(3, UUID.randomUUID().toString().replace("-", "")).executeUpdate());
        given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().post("/api/v1/appliances/" + otherAppliance + "/revoke")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get("/api/v1/appliances")
                .then().statusCode(200).body("id", not(hasItem(otherAppliance)));
    }

    @Test
    void badRegistrationsNameTheirFields() {
        given().auth().oauth2(Tokens.password("north.trust-admin")).contentType("application/json")
                .body("{\"schoolId\": \"north-primary\", \"vendor\": \"acme\", \"kind\": \"firewall\"}")
                .when().post("/api/v1/appliances")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("vendor", "kind", "name", "expectedHeartbeatMinutes"));
        register("no-such-school", "north.trust-admin")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("schoolId"));
    }

    private static Response register(String schoolId, String user) {
        return given().auth().oauth2(Tokens.password(user)).contentType("application/json")
                .body("""
                        {"schoolId": "%s", "vendor": "smoothwall", "kind": "filtering", "name": "Test filter",
                         "expectedHeartbeatMinutes": 30}
                        """.formatted(schoolId))
                .when().post("/api/v1/appliances");
    }

    private static Response postAlert(String apiKey) {
        return given().header(ApplianceAuthenticator.API_KEY_HEADER, apiKey).contentType("application/json")
                .body("""
                        {"eventId": "%s", "occurredAt": "2026-11-23T10:15:00Z", "category": "Gambling", "action": "blocked"}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/v1/alerts");
    }
}
