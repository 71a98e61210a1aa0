package io.vigil.reporting.subjectaccess;

import static io.restassured.RestAssured.given;
import static io.vigil.reporting.retention.RetentionFixtures.awaitAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.reporting.audit.AuditRecords;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.reporting.retention.DirectoryPerson;
import io.vigil.reporting.retention.RetentionFixtures;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A learner's subject access export, as JSON and PDF, with every third party redacted, for the right people only. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class SubjectAccessTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private DirectoryPerson learner;
    private DirectoryPerson dsl;
    private DirectoryPerson guardian;
    private RegisterEntry referred;
    private RegisterEntry other;
    private RegisterEntry someoneElses;
    /** Third parties' ids that must not appear in an export: a user name, the DSL's and a guardian's directory ids. */
    private List<String> thirdParties;

    @BeforeEach
    void learnerWithIncidentsReferralsNotificationsAndAuditRecords() {
        learner = RetentionFixtures.learner(DemoTrust.NORTH, LocalDate.of(2012, 2, 29));
        dsl = RetentionFixtures.person(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), DirectoryPerson.STAFF, null, "dsl");
        guardian = RetentionFixtures.person(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), DirectoryPerson.GUARDIAN, null,
                null);
        String userName = "north.teacher-" + UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        thirdParties = List.of(userName, dsl.personId, guardian.personId, assignee);

        Instant opened = Instant.now().minusSeconds(86_400);
        referred = RetentionFixtures.incident(DemoTrust.NORTH, learner.personId, opened);
        RetentionFixtures.referral(referred, "mash");
        RetentionFixtures.notification(referred);
        other = RetentionFixtures.incident(DemoTrust.NORTH, learner.personId, opened.plusSeconds(7_200));
        someoneElses = RetentionFixtures.incident(DemoTrust.NORTH, "pupil-" + UUID.randomUUID(), opened);

        String notificationId = UUID.randomUUID().toString();
        List<AuditRecorded> records = List.of(
                record("triage", "system", "incident.opened", "incident", referred.incidentId,
                        Map.of("severity", "medium", "routedTo", "dsl", "onCall", dsl.personId), opened),
                record("triage", userName, "incident.assigned", "incident", referred.incidentId,
                        Map.of("assignee", assignee), opened.plusSeconds(60)),
                record("triage", dsl.personId, "incident.referred", "incident", referred.incidentId,
                        Map.of("agency", "mash"), opened.plusSeconds(120)),
                record("notification", "system", "parent-message.planned", "notification", notificationId,
                        Map.of("incidentId", referred.incidentId, "guardian", guardian.personId,
                                "approvedBy", userName, "channel", "email"), opened.plusSeconds(180)));
        records.forEach(AuditRecords::publish);
        AuditRecords.awaitStored(referred.incidentId, 3);
        AuditRecords.awaitStored(notificationId, 1);
    }

    @Test
    void theJsonExportHoldsTheLearnersIncidentsAndNoThirdPartysId() {
        String body = given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/subject-access/" + learner.personId)
                .then().statusCode(200).contentType("application/json")
                .body("personId", equalTo(learner.personId))
                .body("dateOfBirth", equalTo("2012-02-29"))
                .body("incidents", hasSize(2))
                .body("incidents.incidentId", equalTo(List.of(referred.incidentId, other.incidentId)))
                .extract().asString();
        JsonPath json = JsonPath.from(body);
        String incident = "incidents[0]";
        assertThat(json.getString(incident + ".category")).isEqualTo("cyberbullying");
        assertThat(json.getString(incident + ".severity")).isEqualTo("medium");
        assertThat(json.getString(incident + ".outcome")).isEqualTo("handled-in-school");
        assertThat(json.getString(incident + ".parentContact")).isEqualTo("withheld");
        assertThat(json.getString(incident + ".parentContactReason")).isEqualTo("risk-to-child");
        assertThat(json.getString(incident + ".retainUntil")).isEqualTo("2037-03-01");
        assertThat(json.getList(incident + ".referrals.agency")).containsExactly("mash");
        assertThat(json.getList(incident + ".notifications.channel")).containsExactly("email");
        assertThat(json.getList(incident + ".notifications.recipient")).containsExactly(Redaction.THIRD_PARTY);
        assertThat(json.getList(incident + ".auditEvents.action")).containsExactly("incident.opened",
                "incident.assigned", "incident.referred", "parent-message.planned");
        assertThat(json.getList(incident + ".auditEvents.actor")).containsExactly("system", Redaction.THIRD_PARTY,
                "member of staff (dsl)", "system");
        assertThat(json.getMap(incident + ".auditEvents[0].details")).containsEntry("severity", "medium")
                .containsEntry("onCall", "member of staff (dsl)");
        assertThat(json.getMap(incident + ".auditEvents[1].details")).containsEntry("assignee", Redaction.THIRD_PARTY);
        assertThat(json.getMap(incident + ".auditEvents[3].details")).containsEntry("guardian", Redaction.GUARDIAN)
                .containsEntry("approvedBy", Redaction.THIRD_PARTY).containsEntry("incidentId", referred.incidentId);
        assertThat(body).doesNotContain(someoneElses.incidentId);
        thirdParties.forEach(id -> assertThat(body).doesNotContain(id));
        awaitAudit("subject-access.exported", learner.personId, "north.dsl");
    }

    @Test
    void thePdfExportReadsBackWithTheIncidentsAndNoThirdPartysId() throws IOException {
        byte[] pdf = given().auth().oauth2(Tokens.password("north.head"))
                .when().get("/api/v1/subject-access/" + learner.personId + "?format=pdf")
                .then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        StringBuilder text = new StringBuilder();
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
        } finally {
            reader.close();
        }
        String content = text.toString();
        assertThat(content).contains("Subject access export", learner.personId, referred.incidentId,
                other.incidentId, "cyberbullying", "mash", "withheld (risk-to-child)", "incident.assigned",
                Redaction.THIRD_PARTY, "member of staff (dsl)", Redaction.GUARDIAN);
        assertThat(content).doesNotContain(someoneElses.incidentId);
        thirdParties.forEach(id -> assertThat(content).doesNotContain(id));
        awaitAudit("subject-access.exported", learner.personId, "north.head", "pdf");
    }

    @Test
    void theLearnersSchoolsLeadersAndTheTrustLeadOnly() {
        for (String user : List.of("north.dsl", "north.head", "north.trust-safeguarding-lead",
                "south.trust-safeguarding-lead")) {
            given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/subject-access/" + learner.personId)
                    .then().statusCode(200).body("incidents.incidentId", hasItem(referred.incidentId));
        }
        given().when().get("/api/v1/subject-access/" + learner.personId).then().statusCode(401)
                .contentType(PROBLEM_JSON);
        for (String user : List.of("north.staff", "north.deputy-dsl", "north.governor", "north.trust-admin")) {
            given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/subject-access/" + learner.personId)
                    .then().statusCode(403).contentType(PROBLEM_JSON);
        }
        for (String user : List.of("south.dsl", "south.head")) {
            given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/subject-access/" + learner.personId)
                    .then().statusCode(403).contentType(PROBLEM_JSON);
        }
        awaitAudit("subject-access.exported", learner.personId, "south.dsl", "\"denied\"");
        // Another trust's learner with a record at a school id the caller knows.
        String otherTrust = "other-trust-" + UUID.randomUUID();
        DirectoryPerson elsewhere = RetentionFixtures.person(otherTrust, DemoTrust.NORTH.id(), DirectoryPerson.LEARNER,
                LocalDate.of(2014, 1, 1), null);
        RetentionFixtures.incident(otherTrust, DemoTrust.NORTH.id(), elsewhere.personId, false, Instant.now());
        given().auth().oauth2(Tokens.password("north.trust-safeguarding-lead"))
                .when().get("/api/v1/subject-access/" + elsewhere.personId)
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void badInputsAreProblems() {
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/subject-access/" + learner.personId + "?format=xml")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("format"));
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/subject-access/pupil-" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo("urn:vigil:problem:not-found"));
        // A parent or carer is not a learner: nothing is exported about them here.
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/subject-access/" + guardian.personId)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/subject-access/" + "x".repeat(65))
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    private static AuditRecorded record(String service, String actor, String action, String resourceType,
            String resourceId, Map<String, String> details, Instant at) {
        return new AuditRecorded(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), service,
                actor, action, resourceType, resourceId, "success", details, at);
    }
}
