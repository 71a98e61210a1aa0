package io.vigil.reporting.assurance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.demo.DemoTrust;
import io.vigil.reporting.audit.AuditEntry;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The filtering change log's lifecycle on the real stack: asked for, decided by someone else, applied;
 * every step audited into reporting's own audit chain; a decided entry never edited, not even in the
 * database; another trust's entry invisible.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class FilteringChangeTest {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String NORTH_CHANGES = "/api/v1/assurance/schools/" + DemoTrust.NORTH.id() + "/filtering-changes";

    @Test
    void aChangeIsAskedForApprovedBySomeoneElseAndApplied() {
        String host = "resources-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        String id = as("north.dsl").body(Map.of("action", "allow", "targetKind", "site", "target", "Library." + host,
                        "appliesTo", "staff laptops", "reason", "Year 6 history resources blocked as 'news'"))
                .when().post(NORTH_CHANGES)
                .then().statusCode(201)
                .header("Location", containsString(NORTH_CHANGES + "/"))
                .body("status", equalTo("requested"))
                .body("requestedBy", equalTo("north.dsl"))
                .body("target", equalTo("library." + host))
                .body("decidedBy", nullValue())
                .extract().path("id");

        // The DSL asks but does not approve; the asker never decides, not even a head who asked.
        as("north.dsl").body("{}").when().post(NORTH_CHANGES + "/" + id + "/approval")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        as("north.dsl").body("{}").when().post(NORTH_CHANGES + "/" + id + "/application")
                .then().statusCode(409).contentType(PROBLEM_JSON);

        as("north.head").body(Map.of("note", "Checked the site with the history lead")).when()
                .post(NORTH_CHANGES + "/" + id + "/approval")
                .then().statusCode(200)
                .body("status", equalTo("approved"))
                .body("decidedBy", equalTo("north.head"))
                .body("decidedAt", notNullValue())
                .body("decisionNote", equalTo("Checked the site with the history lead"));
        as("north.trust-admin").body("{}").when().post(NORTH_CHANGES + "/" + id + "/approval")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:conflict"));
        as("north.trust-admin").body(Map.of("note", "no")).when().post(NORTH_CHANGES + "/" + id + "/rejection")
                .then().statusCode(409).contentType(PROBLEM_JSON);

        as("north.dsl").body("{}").when().post(NORTH_CHANGES + "/" + id + "/application")
                .then().statusCode(200)
                .body("status", equalTo("applied"))
                .body("appliedBy", equalTo("north.dsl"))
                .body("decidedBy", equalTo("north.head"));
        as("north.dsl").body("{}").when().post(NORTH_CHANGES + "/" + id + "/application")
                .then().statusCode(409).contentType(PROBLEM_JSON);

        as("north.head").when().get(NORTH_CHANGES + "/" + id)
                .then().statusCode(200).body("status", equalTo("applied")).body("requestedBy", equalTo("north.dsl"));
        as("north.dsl").queryParam("status", "applied").queryParam("size", 500).when().get(NORTH_CHANGES)
                .then().statusCode(200).body("id", hasItem(id));
        as("north.dsl").queryParam("status", "requested").queryParam("size", 500).when().get(NORTH_CHANGES)
                .then().statusCode(200).body("id", not(hasItem(id)));

        List<AuditEntry> audit = awaitAudit(id, 3);
        assertThat(audit).extracting(a -> a.action).containsExactly("filtering-change.requested",
                "filtering-change.approved", "filtering-change.applied");
        assertThat(audit).extracting(a -> a.actor).containsExactly("north.dsl", "north.head", "north.dsl");
        assertThat(audit).allSatisfy(a -> {
            assertThat(a.service).isEqualTo("reporting");
            assertThat(a.schoolId).isEqualTo(DemoTrust.NORTH.id());
            assertThat(a.resourceType).isEqualTo("filtering-change");
        });
    }

    @Test
    void theAskerNeverDecidesTheirOwnRequest() {
        String id = request("north.head", "block", "category", "Gaming");
        as("north.head").body("{}").when().post(NORTH_CHANGES + "/" + id + "/approval")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("asked"));
        as("north.head").body(Map.of("note", "changed my mind")).when().post(NORTH_CHANGES + "/" + id + "/rejection")
                .then().statusCode(409).contentType(PROBLEM_JSON);
        as("north.trust-admin").body(Map.of("note", "Gaming is already blocked trust-wide")).when()
                .post(NORTH_CHANGES + "/" + id + "/rejection")
                .then().statusCode(200)
                .body("status", equalTo("rejected"))
                .body("decidedBy", equalTo("north.trust-admin"));
        as("north.head").body("{}").when().post(NORTH_CHANGES + "/" + id + "/application")
                .then().statusCode(409).contentType(PROBLEM_JSON);
        assertThat(awaitAudit(id, 2)).extracting(a -> a.action).containsExactly("filtering-change.requested",
                "filtering-change.rejected");
    }

    @Test
    void aCorrectionIsANewEntryAndTheDatabaseRefusesToEditADecidedOne() {
        String wrong = request("north.dsl", "allow", "site", "wrong.example.org");
        as("north.trust-admin").body("{}").when().post(NORTH_CHANGES + "/" + wrong + "/approval")
                .then().statusCode(200);
        String correction = as("north.dsl").body(Map.of("action", "allow", "targetKind", "site", "target",
                        "right.example.org", "reason", "The approved host was mistyped", "corrects", wrong))
                .when().post(NORTH_CHANGES)
                .then().statusCode(201).body("corrects", equalTo(wrong)).extract().path("id");
        as("north.head").body(Map.of("note", "ok")).when().post(NORTH_CHANGES + "/" + correction + "/rejection")
                .then().statusCode(200);

        UUID wrongId = UUID.fromString(wrong);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> FilteringChange
                .update("target = 'edited.example.org' where id = ?1", wrongId)))
                .hasStackTraceContaining("not edited");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> FilteringChange
                .update("status = 'rejected' where id = ?1", wrongId)))
                .hasStackTraceContaining("moves only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> FilteringChange
                .delete("id = ?1", wrongId)))
                .hasStackTraceContaining("append-only");
        as("north.head").when().get(NORTH_CHANGES + "/" + wrong)
                .then().statusCode(200)
                .body("target", equalTo("wrong.example.org"))
                .body("status", equalTo("approved"));
        as("north.dsl").body("{}").when().post(NORTH_CHANGES + "/" + wrong + "/application").then().statusCode(200);
    }

    @Test
    void anotherTrustsEntryAtASchoolOfTheSameIdDoesNotExistForTheCaller() {
        FilteringChange elsewhere = new FilteringChange();
        elsewhere.id = UUID.randomUUID();
        elsewhere.trustId = "another-trust-" + UUID.randomUUID();
        elsewhere.schoolId = DemoTrust.NORTH.id();
        elsewhere.action = "allow";
        elsewhere.targetKind = "category";
        elsewhere.target = "Social networking";
        elsewhere.reason = "Another trust's request";
        elsewhere.status = FilteringChange.REQUESTED;
        elsewhere.requestedBy = "someone.elsewhere";
        elsewhere.requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(elsewhere::persist);
        String id = elsewhere.id.toString();

        for (String user : List.of("north.head", "north.dsl", "north.trust-admin")) {
            as(user).when().get(NORTH_CHANGES + "/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
            as(user).queryParam("size", 500).when().get(NORTH_CHANGES).then().statusCode(200)
                    .body("id", not(hasItem(id)));
        }
        as("north.head").body("{}").when().post(NORTH_CHANGES + "/" + id + "/approval")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        as("north.trust-admin").body(Map.of("note", "not ours")).when().post(NORTH_CHANGES + "/" + id + "/rejection")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        as("north.trust-admin").queryParam("size", 500).when().get("/api/v1/assurance/filtering-changes")
                .then().statusCode(200).body("id", not(hasItem(id)));
        assertThat(QuarkusTransaction.requiringNew().call(() -> FilteringChange.<FilteringChange>findById(
                elsewhere.id).status)).isEqualTo(FilteringChange.REQUESTED);
        // A North entry asked about under South's path is not South's either.
        String north = request("north.dsl", "block", "category", "Proxies");
        as("south.trust-admin").when().get("/api/v1/assurance/schools/" + DemoTrust.SOUTH.id()
                + "/filtering-changes/" + north).then().statusCode(404).contentType(PROBLEM_JSON);
        as("south.trust-admin").body(Map.of("note", "Proxies stay blocked")).when()
                .post(NORTH_CHANGES + "/" + north + "/rejection").then().statusCode(200);
    }

    @Test
    void theTrustAdministratorSeesEverySchoolsLog() {
        String north = request("north.dsl", "block", "site", "north-" + UUID.randomUUID() + ".example.org");
        String south = as("south.dsl").body(Map.of("action", "block", "targetKind", "category", "target",
                        "Gambling", "reason", "Adverts seen in lessons"))
                .when().post("/api/v1/assurance/schools/" + DemoTrust.SOUTH.id() + "/filtering-changes")
                .then().statusCode(201).extract().path("id");
        as("south.trust-admin").queryParam("status", "requested").queryParam("size", 500)
                .when().get("/api/v1/assurance/filtering-changes")
                .then().statusCode(200).body("id", hasItem(north)).body("id", hasItem(south));
        as("north.dsl").queryParam("size", 500).when().get(NORTH_CHANGES)
                .then().statusCode(200).body("id", hasItem(north)).body("id", not(hasItem(south)));
        // Decided, so no request of this test is left waiting on the demo schools.
        as("north.trust-admin").body(Map.of("note", "test entry")).when().post(NORTH_CHANGES + "/" + north
                + "/rejection").then().statusCode(200);
        as("south.head").body(Map.of("note", "test entry")).when().post("/api/v1/assurance/schools/"
                + DemoTrust.SOUTH.id() + "/filtering-changes/" + south + "/rejection").then().statusCode(200);
    }

    /** Logs a request as {@code user} at North and returns its id. */
    static String request(String user, String action, String kind, String target) {
        return as(user).body(Map.of("action", action, "targetKind", kind, "target", target, "reason",
                        "Requested by a test"))
                .when().post(NORTH_CHANGES)
                .then().statusCode(201).extract().path("id");
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.password(user)).contentType("application/json");
    }

    /** The audit records reporting stored about {@code resourceId}, in chain order, once there are {@code count}. */
    static List<AuditEntry> awaitAudit(String resourceId, int count) {
        await().atMost(Duration.ofSeconds(120)).until(() -> stored(resourceId).size() >= count);
        return stored(resourceId);
    }

    private static List<AuditEntry> stored(String resourceId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.list("resourceId = ?1 order by sequence",
                resourceId));
    }
}
