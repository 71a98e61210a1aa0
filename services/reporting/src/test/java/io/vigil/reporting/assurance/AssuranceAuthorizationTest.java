package io.vigil.reporting.assurance;

import static io.restassured.RestAssured.given;
import static io.vigil.reporting.assurance.ChecksAndReviewsTest.LONG_AGO;
import static io.vigil.reporting.assurance.ChecksAndReviewsTest.check;
import static io.vigil.reporting.assurance.ChecksAndReviewsTest.review;
import static io.vigil.reporting.assurance.FilteringChangeTest.PROBLEM_JSON;
import static io.vigil.reporting.assurance.FilteringChangeTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.testing.VigilStackResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every endpoint of a school's assurance register × role × school: the DSL, head and trust
 * administrator reach their own school (the trust administrator every school of the trust); another
 * school, or one of no trust of theirs, does not exist (404); other roles are refused (403); no token
 * is 401. The trust-wide reads are the trust administrator's alone.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class AssuranceAuthorizationTest {

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "north.dsl, north-primary, 2xx", "north.head, north-primary, 2xx", "north.trust-admin, north-primary, 2xx",
        "south.trust-admin, north-primary, 2xx", "north.trust-admin, south-academy, 2xx",
        "south.dsl, north-primary, 404", "south.head, north-primary, 404", "north.dsl, south-academy, 404",
        "north.head, another-trusts-school, 404", "north.trust-admin, another-trusts-school, 404",
        "north.governor, north-primary, 403", "north.staff, north-primary, 403",
        "north.deputy-dsl, north-primary, 403", "north.trust-safeguarding-lead, north-primary, 403",
        "south.governor, north-primary, 403", "south.staff, north-primary, 403"
    })
    void everySchoolEndpointAnswersTheSameForTheSameCallerAndSchool(String user, String school, String expected) {
        String base = "/api/v1/assurance/schools/" + school;
        Map<String, Response> answers = new java.util.LinkedHashMap<>();
        answers.put("list changes", as(user).queryParam("size", 5).when().get(base + "/filtering-changes"));
        answers.put("list checks", as(user).queryParam("size", 5).when().get(base + "/checks"));
        answers.put("list reviews", as(user).queryParam("size", 5).when().get(base + "/annual-reviews"));
        answers.put("record check", as(user).body(check(LONG_AGO, "filtering-log-review", "pass", "Matrix", null))
                .when().post(base + "/checks"));
        answers.put("sign off review", as(user).body(review(LONG_AGO, "Matrix", "head", LONG_AGO.plusMonths(6)))
                .when().post(base + "/annual-reviews"));
        Response asked = as(user).body(Map.of("action", "block", "targetKind", "category", "target", "Matrix",
                "reason", "Authorization matrix")).when().post(base + "/filtering-changes");
        answers.put("ask for change", asked);
        answers.forEach((what, answer) -> {
            if (expected.equals("2xx")) {
                assertThat(answer.statusCode()).as(what).isBetween(200, 201);
            } else {
                assertThat(answer.statusCode()).as(what).isEqualTo(Integer.parseInt(expected));
                assertThat(answer.contentType()).as(what).startsWith(PROBLEM_JSON);
            }
        });
        if (asked.statusCode() == 201) {
            // Decided at once, so no request of the matrix is left waiting on a demo school.
            String decider = user.equals("north.trust-admin") ? "south.trust-admin" : "north.trust-admin";
            as(decider).body(Map.of("note", "matrix entry")).when()
                    .post(base + "/filtering-changes/" + asked.path("id") + "/rejection")
                    .then().statusCode(200);
        }
    }

    @ParameterizedTest(name = "{0} decides North's change: {1}")
    @CsvSource({
        "north.dsl, 403", "north.deputy-dsl, 403", "north.staff, 403", "north.governor, 403",
        "north.trust-safeguarding-lead, 403", "south.dsl, 403", "south.head, 404", "north.head, 200",
        "south.trust-admin, 200"
    })
    void onlyTheHeadOrTheTrustAdministratorOfTheSchoolDecides(String user, int expected) {
        String id = FilteringChangeTest.request("north.dsl", "allow", "category", "Matrix decisions");
        String changes = FilteringChangeTest.NORTH_CHANGES + "/" + id;
        Response approval = as(user).body("{}").when().post(changes + "/approval");
        assertThat(approval.statusCode()).isEqualTo(expected);
        Response rejection = as(user).body(Map.of("note", "no")).when().post(changes + "/rejection");
        assertThat(rejection.statusCode()).isEqualTo(expected == 200 ? 409 : expected);
        if (expected != 200) {
            assertThat(approval.contentType()).startsWith(PROBLEM_JSON);
            as("north.head").body(Map.of("note", "matrix entry")).when().post(changes + "/rejection")
                    .then().statusCode(200);
        } else {
            as("north.dsl").body("{}").when().post(changes + "/application").then().statusCode(200);
        }
    }

    @Test
    void theTrustWideReadsAreTheTrustAdministratorsAlone() {
        for (String path : List.of("/api/v1/assurance/filtering-changes", "/api/v1/assurance/summary")) {
            as("north.trust-admin").when().get(path).then().statusCode(200);
            as("south.trust-admin").when().get(path).then().statusCode(200);
            for (String user : List.of("north.head", "north.dsl", "north.deputy-dsl", "north.governor", "north.staff",
                    "north.trust-safeguarding-lead")) {
                as(user).when().get(path).then().statusCode(403).contentType(PROBLEM_JSON);
            }
            given().when().get(path).then().statusCode(401).contentType(PROBLEM_JSON);
        }
    }

    @Test
    void withoutATokenEveryEndpointIs401() {
        String base = "/api/v1/assurance/schools/" + DemoTrust.NORTH.id();
        for (String path : List.of("/filtering-changes", "/checks", "/annual-reviews")) {
            given().when().get(base + path).then().statusCode(401).contentType(PROBLEM_JSON);
            given().contentType("application/json").body("{}").when().post(base + path)
                    .then().statusCode(401).contentType(PROBLEM_JSON);
        }
        given().contentType("application/json").body("{}").when()
                .post(base + "/filtering-changes/" + java.util.UUID.randomUUID() + "/approval")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }
}
