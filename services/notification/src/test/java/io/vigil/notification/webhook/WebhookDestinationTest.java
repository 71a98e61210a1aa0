package io.vigil.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A school's webhook destinations through the API on the real stack: who may add, list, disable and
 * rotate them, what is refused, and that the signing secret is shown once and never again.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class WebhookDestinationTest {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String OTHER_TRUST = "another-trust";
    private static final String OTHER_TRUST_SCHOOL = "another-trusts-school";

    @Inject
    EntityManager entityManager;

    /** Destinations a test added, disabled after it so that no other test's incident is posted. */
    private final List<Added> added = new ArrayList<>();

    /** A destination and who may disable it. */
    private record Added(String manager, String schoolId, String id) {
    }

    @BeforeEach
    void aSchoolOfAnotherTrust() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into school (id, trust_id, name) values (?1, ?2, 'Elsewhere School') on conflict (id) do nothing")
                .setParameter(1, OTHER_TRUST_SCHOOL).setParameter(2, OTHER_TRUST).executeUpdate());
    }

    @AfterEach
    void disableWhatWasAdded() {
        added.forEach(a -> disable(a.manager(), a.schoolId(), a.id()));
    }

    @Test
    void theHeadAddsAWebhookWhoseSecretIsShownOnceAndNeverAgain() {
        String name = "Safeguarding team channel " + UUID.randomUUID();
        Map<String, Object> created = add("north.head", DemoTrust.NORTH.id(),
                webhook(name, "teams", "https://north.webhook.office.com/webhookb2/abc/IncomingWebhook/s3cr3t", "high"))
                .statusCode(201)
                .body("webhook.name", equalTo(name)).body("webhook.format", equalTo("teams"))
                .body("webhook.host", equalTo("north.webhook.office.com")).body("webhook.url", nullValue())
                .body("webhook.schoolId", equalTo(DemoTrust.NORTH.id())).body("webhook.everySchool", equalTo(false))
                .body("webhook.minimumSeverity", equalTo("high")).body("webhook.enabled", equalTo(true))
                .body("webhook.createdBy", equalTo("north.head"))
                .body("signingSecret", startsWith("vgw_"))
                .extract().as(Map.class);
        String id = idOf(created);
        String secret = (String) created.get("signingSecret");
        added.add(new Added("north.head", DemoTrust.NORTH.id(), id));

        String listed = given().auth().oauth2(Tokens.password("north.head"))
                .when().get(path(DemoTrust.NORTH.id())).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo(name))
                .extract().asString();
        assertThat(listed).doesNotContain(secret).doesNotContain("s3cr3t").doesNotContain("signingSecret");

        String rotated = change("north.head", DemoTrust.NORTH.id(), id, "rotate-secret").statusCode(200)
                .body("webhook.id", equalTo(id)).extract().path("signingSecret");
        assertThat(rotated).startsWith("vgw_").isNotEqualTo(secret);
        assertThat(given().auth().oauth2(Tokens.password("north.trust-admin"))
                .when().get(path(DemoTrust.NORTH.id())).then().statusCode(200).extract().asString())
                .doesNotContain(rotated).doesNotContain(secret);

        // Every change is on the audit trail with who and what, never the secret or the URL's path.
        for (String action : List.of("webhook.created", "webhook.secret-rotated")) {
            ConsumerRecord<String, String> audited = TopicProbe.await(Topics.AUDIT,
                    r -> r.value().contains(id) && r.value().contains("\"" + action + "\""), Duration.ofSeconds(30));
            assertThat(audited.value()).contains("north.head").contains("north.webhook.office.com")
                    .doesNotContain(secret).doesNotContain(rotated).doesNotContain("s3cr3t");
        }

        change("north.head", DemoTrust.NORTH.id(), id, "disable").statusCode(200)
                .body("enabled", equalTo(false)).body("disabledBy", equalTo("north.head"))
                .body("disabledAt", not(nullValue()));
        TopicProbe.await(Topics.AUDIT, r -> r.value().contains(id) && r.value().contains("\"webhook.disabled\""),
                Duration.ofSeconds(30));
        change("north.head", DemoTrust.NORTH.id(), id, "disable").statusCode(409)
                .contentType(PROBLEM_JSON);
        change("north.head", DemoTrust.NORTH.id(), id, "rotate-secret").statusCode(409);
    }

    @Test
    void onlyTheHeadOfTheSchoolAndTheTrustAdministratorManageItsWebhooks() {
        Map<String, Object> body = webhook("Team channel", "generic", "https://hooks.north.example/vigil", "medium");
        given().auth().oauth2(Tokens.password("north.dsl")).when().get(path(DemoTrust.NORTH.id()))
                .then().statusCode(403).contentType(PROBLEM_JSON);
        add("north.dsl", DemoTrust.NORTH.id(), body).statusCode(403).contentType(PROBLEM_JSON);
        add("north.staff", DemoTrust.NORTH.id(), body).statusCode(403);
        given().when().get(path(DemoTrust.NORTH.id())).then().statusCode(401);
        // Another school of the trust is refused; a school of another trust, or none, does not exist.
        add("south.head", DemoTrust.NORTH.id(), body).statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("south.head")).when().get(path(DemoTrust.NORTH.id()))
                .then().statusCode(403);
        given().auth().oauth2(Tokens.password("north.trust-admin")).when().get(path(OTHER_TRUST_SCHOOL))
                .then().statusCode(404).contentType(PROBLEM_JSON);
        add("north.trust-admin", OTHER_TRUST_SCHOOL, body).statusCode(404);
        given().auth().oauth2(Tokens.password("north.trust-admin")).when().get(path("no-such-school"))
                .then().statusCode(404);

        String north = idOf(add("north.head", DemoTrust.NORTH.id(), body).statusCode(201).extract().as(Map.class));
        added.add(new Added("north.head", DemoTrust.NORTH.id(), north));
        String south = idOf(add("south.trust-admin", DemoTrust.SOUTH.id(), body).statusCode(201).extract().as(Map.class));
        added.add(new Added("south.head", DemoTrust.SOUTH.id(), south));
        String theirs = anotherTrustsWebhook();
        // A destination is reached only through its own school: another school's, or another trust's, is not found.
        change("north.head", DemoTrust.NORTH.id(), south, "disable").statusCode(404);
        change("north.trust-admin", DemoTrust.NORTH.id(), theirs, "rotate-secret").statusCode(404)
                .contentType(PROBLEM_JSON);
        change("north.trust-admin", DemoTrust.NORTH.id(), "not-an-id", "disable").statusCode(404);
        given().auth().oauth2(Tokens.password("north.head")).when().get(path(DemoTrust.NORTH.id()))
                .then().statusCode(200).body("id", hasItem(north)).body("id", not(hasItem(south)))
                .body("id", not(hasItem(theirs)));
        // The trust administrator disables a school's destination.
        change("north.trust-admin", DemoTrust.NORTH.id(), north, "disable").statusCode(200)
                .body("disabledBy", equalTo("north.trust-admin"));
    }

    @Test
    void onlyTheTrustAdministratorAddsAndChangesAWebhookForEverySchool() {
        Map<String, Object> body = new HashMap<>(webhook("Trust safeguarding channel", "teams",
                "https://trust.webhook.office.com/webhookb2/x", "critical"));
        body.put("everySchool", true);
        add("north.head", DemoTrust.NORTH.id(), body).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("everySchool")));

        String id = idOf(add("north.trust-admin", DemoTrust.NORTH.id(), body).statusCode(201)
                .body("webhook.everySchool", equalTo(true)).body("webhook.schoolId", nullValue())
                .extract().as(Map.class));
        added.add(new Added("south.trust-admin", DemoTrust.SOUTH.id(), id));
        // Every school's head sees it, and cannot change it.
        given().auth().oauth2(Tokens.password("south.head")).when().get(path(DemoTrust.SOUTH.id()))
                .then().statusCode(200).body("find { it.id == '" + id + "' }.everySchool", equalTo(true));
        change("south.head", DemoTrust.SOUTH.id(), id, "disable").statusCode(403)
                .contentType(PROBLEM_JSON);
        change("north.head", DemoTrust.NORTH.id(), id, "rotate-secret").statusCode(403);
    }

    @Test
    void anInvalidWebhookIsRefusedNamingTheField() {
        String north = DemoTrust.NORTH.id();
        add("north.head", north, webhook("Plain", "generic", "http://192.0.2.10/hook", "high")).statusCode(400)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:vigil:problem:validation"))
                .body("errors.field", equalTo(List.of("url")));
        add("north.head", north, webhook("Not a URL", "generic", "hooks.north.example/vigil", "high"))
                .statusCode(400).body("errors.field", equalTo(List.of("url")));
        add("north.head", north, webhook("FTP", "generic", "ftp://hooks.north.example/vigil", "high"))
                .statusCode(400).body("errors.field", equalTo(List.of("url")));
        add("north.head", north, webhook(" ", "generic", "https://hooks.north.example/vigil", "high"))
                .statusCode(400).contentType(PROBLEM_JSON).body("errors.field", equalTo(List.of("name")));
        Map<String, Object> noName = new HashMap<>(webhook("x", "generic", "https://hooks.north.example/vigil", "high"));
        noName.remove("name");
        add("north.head", north, noName).statusCode(400).body("errors.field", equalTo(List.of("name")));
        add("north.head", north, webhook("Urgent", "generic", "https://hooks.north.example/vigil", "urgent"))
                .statusCode(400).contentType(PROBLEM_JSON).body("errors.field", equalTo(List.of("minimumSeverity")));
        add("north.head", north, webhook("Slack", "slack", "https://hooks.north.example/vigil", "high"))
                .statusCode(400).body("errors.field", equalTo(List.of("format")));
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json").body("{")
                .when().post(path(north)).then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.head")).when().get(path(north)).then().statusCode(200)
                .body("name", not(hasItem("Plain"))).body("name", not(hasItem("Urgent")));
    }

    static String path(String schoolId) {
        return "/api/v1/schools/" + schoolId + "/webhooks";
    }

    static Map<String, Object> webhook(String name, String format, String url, String minimumSeverity) {
        return Map.of("name", name, "format", format, "url", url, "minimumSeverity", minimumSeverity);
    }

    static ValidatableResponse add(String user, String schoolId, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.password(user)).contentType("application/json").body(body)
                .when().post(path(schoolId)).then();
    }

    /** {@code POST …/webhooks/{id}/disable} or {@code …/rotate-secret} as {@code user}. */
    static ValidatableResponse change(String user, String schoolId, String id, String action) {
        return given().auth().oauth2(Tokens.password(user)).when().post(path(schoolId) + "/" + id + "/" + action)
                .then();
    }

    @SuppressWarnings("unchecked")
    static String idOf(Map<String, Object> created) {
        return (String) ((Map<String, Object>) created.get("webhook")).get("id");
    }

    /** Disables a destination so that it posts nothing more; one already disabled stays so. */
    static void disable(String manager, String schoolId, String id) {
        int status = change(manager, schoolId, id, "disable").extract().statusCode();
        assertThat(status).isIn(200, 409);
    }

    private static String anotherTrustsWebhook() {
        WebhookDestination theirs = new WebhookDestination();
        theirs.id = UUID.randomUUID();
        theirs.trustId = OTHER_TRUST;
        theirs.schoolId = OTHER_TRUST_SCHOOL;
        theirs.name = "Their channel";
        theirs.format = "generic";
        theirs.url = "https://hooks.elsewhere.example/vigil";
        theirs.signingSecret = WebhookDestination.newSecret();
        theirs.minimumSeverity = "low";
        theirs.enabled = true;
        theirs.createdBy = "other.trust-admin";
        theirs.createdAt = Instant.now();
        QuarkusTransaction.requiringNew().run(theirs::persist);
        return theirs.id.toString();
    }
}
