package io.vigil.reporting.assurance;

import static io.vigil.reporting.assurance.FilteringChangeTest.PROBLEM_JSON;
import static io.vigil.reporting.assurance.FilteringChangeTest.as;
import static io.vigil.reporting.assurance.FilteringChangeTest.awaitAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.testing.VigilStackResource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks of filtering and monitoring and annual review sign-offs: recorded (audited), listed latest
 * first, never changed; bad input answered with a 400 problem naming the fields.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ChecksAndReviewsTest {

    static final String NORTH = "/api/v1/assurance/schools/" + DemoTrust.NORTH.id();
    /** Dates of this test's rows lie years back, so they count in no current period of the demo schools. */
    static final LocalDate LONG_AGO = LocalDate.of(2019, 3, 4);

    @Test
    void checksAreRecordedAuditedAndListedLatestFirst() {
        String who = "OneIT technician " + UUID.randomUUID();
        String failed = as("north.dsl").body(check(LONG_AGO, "manual-category-test", "fail", who,
                        "Reported to OneIT; gambling category re-enabled the same day"))
                .when().post(NORTH + "/checks")
                .then().statusCode(201)
                .body("result", equalTo("fail"))
                .body("performedBy", equalTo(who))
                .body("recordedBy", equalTo("north.dsl"))
                .body("checkedOn", equalTo(LONG_AGO.toString()))
                .extract().path("id");
        String passed = as("north.trust-admin").body(check(LONG_AGO.plusDays(1), "swgfl-test-filtering", "pass", who,
                        null))
                .when().post(NORTH + "/checks")
                .then().statusCode(201).extract().path("id");
        String partial = as("north.head").body(check(LocalDate.now(ZoneId.of("Europe/London")).minusYears(7),
                        "monitoring-test-alert", "partial", who, "Alert reached the head only; DSL added"))
                .when().post(NORTH + "/checks")
                .then().statusCode(201).extract().path("id");

        as("north.head").queryParam("size", 500).when().get(NORTH + "/checks")
                .then().statusCode(200)
                .body("id", hasItems(failed, passed, partial))
                .body("find { it.id == '" + failed + "' }.actionTaken",
                        equalTo("Reported to OneIT; gambling category re-enabled the same day"))
                .body("find { it.id == '" + passed + "' }.method", equalTo("swgfl-test-filtering"));
        java.util.List<String> order = as("north.dsl").queryParam("size", 500).when().get(NORTH + "/checks")
                .then().statusCode(200).extract().path("id");
        assertThat(order.indexOf(passed)).isLessThan(order.indexOf(failed));
        as("south.dsl").queryParam("size", 500).when().get("/api/v1/assurance/schools/" + DemoTrust.SOUTH.id()
                + "/checks").then().statusCode(200).body("id", not(hasItem(failed)));
        as("north.dsl").queryParam("size", 1).queryParam("page", 0).when().get(NORTH + "/checks")
                .then().statusCode(200).body("size()", equalTo(1));

        assertThat(awaitAudit(failed, 1)).singleElement().satisfies(a -> {
            assertThat(a.action).isEqualTo("filtering-check.recorded");
            assertThat(a.actor).isEqualTo("north.dsl");
            assertThat(a.details).containsEntry("result", "fail");
        });
        UUID failedId = UUID.fromString(failed);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> FilteringCheck.delete("id", failedId)))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void annualReviewsAreSignedOffAuditedAndListed() {
        String signer = "Chair " + UUID.randomUUID();
        String earlier = as("north.head").body(review(LONG_AGO, signer, "chair-of-governors", LONG_AGO.plusYears(1)))
                .when().post(NORTH + "/annual-reviews")
                .then().statusCode(201)
                .body("signerRole", equalTo("chair-of-governors"))
                .body("nextReviewDue", equalTo(LONG_AGO.plusYears(1).toString()))
                .body("recordedBy", equalTo("north.head"))
                .extract().path("id");
        String later = as("north.dsl").body(review(LONG_AGO.plusMonths(11), signer, "dsl",
                        LONG_AGO.plusMonths(23)))
                .when().post(NORTH + "/annual-reviews")
                .then().statusCode(201).extract().path("id");
        java.util.List<String> order = as("north.trust-admin").queryParam("size", 500).when()
                .get(NORTH + "/annual-reviews").then().statusCode(200).body("id", hasItems(earlier, later))
                .extract().path("id");
        assertThat(order.indexOf(later)).isLessThan(order.indexOf(earlier));
        assertThat(awaitAudit(later, 1)).singleElement().satisfies(a -> {
            assertThat(a.action).isEqualTo("filtering-review.signed-off");
            assertThat(a.details).containsEntry("signerRole", "dsl");
        });
        UUID id = UUID.fromString(earlier);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> AnnualReview.getEntityManager()
                .createNativeQuery("update filtering_annual_review set summary = 'rewritten' where id = ?1")
                .setParameter(1, id).executeUpdate())).hasStackTraceContaining("append-only");
    }

    @Test
    void aCheckOrReviewDatedInTheFutureIsRefused() {
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1);
        as("north.dsl").body(check(tomorrow, "swgfl-test-filtering", "pass", "IT", null))
                .when().post(NORTH + "/checks")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:validation"))
                .body("errors.field", hasItem("checkedOn"));
        as("north.head").body(review(tomorrow, "Head", "head", tomorrow.plusMonths(6)))
                .when().post(NORTH + "/annual-reviews")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("reviewedOn"));
    }

    @Test
    void badChecksNameEveryBadField() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("method", "asked-a-pupil");
        bad.put("result", "fine");
        bad.put("performedBy", " ");
        as("north.dsl").body(bad).when().post(NORTH + "/checks")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("checkedOn", "method", "result", "performedBy"));
        as("north.dsl").body(check(LONG_AGO, "manual-category-test", "partial", "IT", " "))
                .when().post(NORTH + "/checks")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("actionTaken"));
        as("north.dsl").body("{\"checkedOn\": \"last tuesday\"}").when().post(NORTH + "/checks")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("checkedOn"));
        as("north.dsl").body("not json").when().post(NORTH + "/checks")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        as("north.dsl").queryParam("size", 501).when().get(NORTH + "/checks")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("size"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"same-day", "too-far", "bad-role"})
    void badSignOffsAreRefused(String what) {
        LocalDate due = switch (what) {
            case "same-day" -> LONG_AGO;
            case "too-far" -> LONG_AGO.plusYears(1).plusDays(1);
            default -> LONG_AGO.plusMonths(6);
        };
        String role = what.equals("bad-role") ? "caretaker" : "head";
        as("north.head").body(review(LONG_AGO, "Head", role, due)).when().post(NORTH + "/annual-reviews")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem(what.equals("bad-role") ? "signerRole" : "nextReviewDue"));
    }

    @Test
    void badChangeRequestsNameEveryBadField() {
        String changes = NORTH + "/filtering-changes";
        as("north.dsl").body(Map.of("action", "unblock", "targetKind", "url", "target", "", "reason", ""))
                .when().post(changes)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("action", "targetKind", "target", "reason"));
        as("north.dsl").body(Map.of("action", "allow", "targetKind", "site", "target",
                        "https://example.org/search?q=anything", "reason", "needed"))
                .when().post(changes)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("target"));
        as("north.dsl").body(Map.of("action", "allow", "targetKind", "category", "target", "News", "reason",
                        "needed", "corrects", UUID.randomUUID().toString()))
                .when().post(changes)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("corrects"));
        as("north.dsl").queryParam("status", "pending").when().get(changes)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("status"));
        String id = FilteringChangeTest.request("north.dsl", "block", "category", "Weapons");
        as("north.head").body(Map.of("note", " ")).when().post(changes + "/" + id + "/rejection")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("note"));
        as("north.head").body("{}").when().post(changes + "/" + id + "/approval").then().statusCode(200);
        as("north.dsl").body(Map.of("appliedAt", "2999-01-01T00:00:00Z")).when()
                .post(changes + "/" + id + "/application")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("appliedAt"));
        as("north.dsl").body(Map.of("appliedAt", "2001-01-01T00:00:00Z")).when()
                .post(changes + "/" + id + "/application")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("appliedAt"));
        as("north.dsl").body("{}").when().post(changes + "/" + id + "/application").then().statusCode(200);
        as("north.head").body("{}").when().post(changes + "/not-an-id/approval")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        as("north.trust-admin").queryParam("from", "2026-13-01").when().get("/api/v1/assurance/summary")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("from"));
        as("north.trust-admin").queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .when().get("/api/v1/assurance/summary")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("to"));
    }

    static Map<String, Object> check(LocalDate on, String method, String result, String who, String action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkedOn", on.toString());
        body.put("method", method);
        body.put("scope", "ICT suite pupil laptops");
        body.put("performedBy", who);
        body.put("result", result);
        if (action != null) {
            body.put("actionTaken", action);
        }
        return body;
    }

    static Map<String, Object> review(LocalDate on, String signer, String role, LocalDate due) {
        return Map.of("reviewedOn", on.toString(), "signedBy", signer, "signerRole", role, "summary",
                "Filtering and monitoring reviewed against the DfE standards; no gaps found", "nextReviewDue",
                due.toString());
    }
}
