package io.vigil.reporting.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may read the audit trail and verify the chain: the head their own school's records, the
 * trust safeguarding lead the whole trust's, the trust admin only the verification.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class AuditQueryTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String EVENTS = "/api/v1/audit/events";
    private static final String VERIFICATION = "/api/v1/audit/verification";

    /** An actor of this test only, so the queries see just its records. */
    private String actor;
    private AuditRecorded northRead;
    private AuditRecorded southRead;
    private AuditRecorded trustWide;
    private AuditRecorded northDownload;

    @BeforeEach
    void publishRecords() {
        actor = "reader-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        northRead = AuditRecords.record(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), actor, "incident.read",
                "north-" + actor, now.minus(3, ChronoUnit.DAYS));
        southRead = AuditRecords.record(DemoTrust.TRUST_ID, DemoTrust.SOUTH.id(), actor, "incident.read",
                "south-" + actor, now.minus(2, ChronoUnit.DAYS));
        trustWide = AuditRecords.record(DemoTrust.TRUST_ID, null, actor, "incident.read", "trust-" + actor,
                now.minus(1, ChronoUnit.DAYS));
        northDownload = AuditRecords.record(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), actor, "report.downloaded",
                "download-" + actor, now);
        for (AuditRecorded record : new AuditRecorded[] {northRead, southRead, trustWide, northDownload}) {
            AuditRecords.publish(record);
        }
        for (AuditRecorded record : new AuditRecorded[] {northRead, southRead, trustWide, northDownload}) {
            AuditRecords.awaitStored(record.resourceId(), 1);
        }
    }

    @Test
    void theTrustSafeguardingLeadSeesEverySchoolOfTheTrustAndTheTrustWideRecords() {
        as("south.trust-safeguarding-lead").queryParam("actor", actor)
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", contains(northDownload.auditId(), trustWide.auditId(), southRead.auditId(),
                        northRead.auditId()))
                .body("find { it.auditId == '" + northRead.auditId() + "' }.action", equalTo("incident.read"))
                .body("find { it.auditId == '" + northRead.auditId() + "' }.details.channel", equalTo("test"));
        as("north.trust-safeguarding-lead").queryParam("actor", actor).queryParam("schoolId", DemoTrust.SOUTH.id())
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", contains(southRead.auditId()));
    }

    @Test
    void theHeadSeesOnlyTheirOwnSchool() {
        as("north.head").queryParam("actor", actor)
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", contains(northDownload.auditId(), northRead.auditId()))
                .body("schoolId", everyItem(equalTo(DemoTrust.NORTH.id())));
        as("north.head").queryParam("actor", actor).queryParam("schoolId", DemoTrust.SOUTH.id())
                .when().get(EVENTS)
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:forbidden"));
        as("south.head").queryParam("actor", actor)
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", contains(southRead.auditId()));
    }

    @Test
    void filtersByActionAndTimeAndPages() {
        Instant readsFrom = northRead.occurredAt();
        as("north.trust-safeguarding-lead").queryParam("actor", actor).queryParam("action", "incident.read")
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", containsInAnyOrder(northRead.auditId(), southRead.auditId(), trustWide.auditId()));
        as("north.trust-safeguarding-lead").queryParam("actor", actor)
                .queryParam("from", readsFrom.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("to", northDownload.occurredAt().toString())
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", contains(trustWide.auditId(), southRead.auditId()));
        as("north.trust-safeguarding-lead").queryParam("actor", actor).queryParam("size", 2).queryParam("page", 1)
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("auditId", contains(southRead.auditId(), northRead.auditId()));
        as("north.trust-safeguarding-lead").queryParam("actor", actor).queryParam("action", "report.exported")
                .when().get(EVENTS)
                .then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void badFiltersAndPagingAreRefusedAsProblems() {
        badRequest("from", "yesterday", "from");
        badRequest("to", "2026-13-01T00:00:00Z", "to");
        badRequest("action", "Incident Read!", "action");
        badRequest("actor", "x".repeat(201), "actor");
        badRequest("size", "501", "size");
        badRequest("size", "0", "size");
        badRequest("page", "-1", "page");
        badRequest("page", "10001", "page");
        as("north.head").queryParam("from", "2026-03-02T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .when().get(EVENTS)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("to"));
    }

    @Test
    void onlyTheHeadAndTheTrustSafeguardingLeadReadTheTrailAndOnlyTrustRolesVerify() {
        given().when().get(EVENTS).then().statusCode(401).contentType(PROBLEM_JSON);
        given().when().get(VERIFICATION).then().statusCode(401).contentType(PROBLEM_JSON);
        for (String refused : new String[] {"north.dsl", "north.deputy-dsl", "north.governor", "north.staff",
                "north.trust-admin"}) {
            as(refused).when().get(EVENTS).then().statusCode(403).contentType(PROBLEM_JSON);
        }
        for (String refused : new String[] {"north.head", "north.dsl", "north.governor", "north.staff"}) {
            as(refused).when().get(VERIFICATION).then().statusCode(403).contentType(PROBLEM_JSON);
        }
        as("south.trust-admin").when().get(VERIFICATION)
                .then().statusCode(200)
                .body("trustId", equalTo(DemoTrust.TRUST_ID))
                .body("intact", equalTo(true));
    }

    private void badRequest(String parameter, String value, String field) {
        as("north.trust-safeguarding-lead").queryParam(parameter, value)
                .when().get(EVENTS)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:validation"))
                .body("errors.field", hasItem(field));
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.password(user));
    }
}
