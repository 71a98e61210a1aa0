package io.vigil.intake.directory;

import static io.restassured.RestAssured.given;
import static io.vigil.intake.directory.DirectoryResourceTest.PROBLEM_JSON;
import static io.vigil.intake.directory.DirectoryResourceTest.learner;
import static io.vigil.intake.directory.DirectoryResourceTest.post;
import static io.vigil.intake.directory.DirectoryResourceTest.staffMember;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad directory uploads are refused with the status and the field that say what is wrong. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class DirectoryValidationTest {

    private static final String NORTH = DemoTrust.NORTH.id();

    @Test
    void anInvalidDateOfBirthOrUnknownYearGroupIsNamed() {
        String id = "lrn-" + UUID.randomUUID();
        post("north.trust-admin", "learners", "application/json",
                "[" + learner(id, NORTH, "Year 7").replace("2013-09-14", "2013-02-30") + "]")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:validation"))
                .body("errors.field", hasItems("records[0].dateOfBirth", "records[0].yearGroup"));
    }

    @Test
    void aMixedUploadWritesTheValidRecordsAndRejectsTheOthersWithTheirFields() {
        String good = "lrn-" + UUID.randomUUID();
        String bad = "lrn-" + UUID.randomUUID();
        post("north.trust-admin", "learners", "application/json", "[" + learner(good, NORTH, "Y2") + ","
                + learner(bad, NORTH, "Y2").replace("\"send\": true", "\"send\": \"perhaps\"") + ","
                + learner(good, NORTH, "Y2") + "]")
                .then().statusCode(200)
                .body("upserted", equalTo(1)).body("rejected", equalTo(2))
                .body("results.status", contains("upserted", "rejected", "rejected"))
                .body("results[1].errors.field", contains("records[1].send"))
                .body("results[2].errors.field", contains("records[2].personId"));
    }

    @Test
    void anUnknownSafeguardingRoleIsNamed() {
        post("north.trust-admin", "staff", "application/json", staffMember("stf-" + UUID.randomUUID(), NORTH, "deputy"))
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("records[0].safeguardingRole"));
    }

    @Test
    void aGuardianNotToBeContactedNeedsAReasonAndEveryGuardianAContact() {
        String csv = """
                personId,schoolId,learnerIds,email,mobile,parentalResponsibility,doNotContact,doNotContactReason
                grd-%1$s-a,%2$s,lrn-1,parent@home.example,,true,true,
                grd-%1$s-b,%2$s,lrn-1,,,true,false,
                """.formatted(UUID.randomUUID(), NORTH);
        post("north.trust-admin", "guardians", "text/csv", csv)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("records[0].doNotContactReason", "records[1].email"));
    }

    @Test
    void anAccountOnAnotherSchoolsApplianceOrARecordWithoutASchoolIsNamed() {
        String staff = staffMember("stf-" + UUID.randomUUID(), NORTH, "none").replace("\"accounts\": []",
                "\"accounts\": [{\"applianceId\": \"" + DemoTrust.SOUTH.applianceId() + "\", \"username\": \"x\"}]");
        post("north.trust-admin", "staff", "application/json", staff)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("records[0].accounts[0].applianceId"));
        post("north.trust-admin", "staff", "application/json", staff.replace("\"schoolId\": \"" + NORTH + "\", ", ""))
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("records[0].schoolId"));
    }

    @Test
    void moreThanFiveThousandRecordsAreTooMany() {
        StringBuilder csv = new StringBuilder("personId,schoolId,yearGroup,dateOfBirth,send,lookedAfter,childProtectionPlan,eal\n");
        for (int i = 0; i <= DirectoryFeed.MAX_RECORDS; i++) {
            csv.append("lrn-many-").append(i).append(',').append(NORTH).append(",Y1,2019-01-01,n,n,n,n\n");
        }
        post("north.trust-admin", "learners", "text/csv", csv.toString())
                .then().statusCode(413).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:too-many-records"));
    }

    @Test
    void anEmptyUploadOrOneThatIsNotAnArrayIsRefused() {
        post("north.trust-admin", "learners", "application/json", "[]")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("records"));
        post("north.trust-admin", "learners", "application/json", learner("lrn-1", NORTH, "Y1"))
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:malformed-body"));
        post("north.trust-admin", "learners", "text/csv", "personId,schoolId\n\"lrn-1,north-primary\n")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:malformed-body"));
    }

    @Test
    void anotherMediaTypeIsUnsupported() {
        given().auth().oauth2(Tokens.password("north.trust-admin")).contentType("text/plain").body("personId")
                .when().post("/api/v1/directory/learners")
                .then().statusCode(415).contentType(PROBLEM_JSON).body("status", equalTo(415));
    }
}
