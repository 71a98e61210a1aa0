package io.vigil.notification.template;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trust admin's message wording on the real stack: versions, audit, checks, previews and who may see what. */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class TemplateResourceTest {

    private static final String OTHER_TRUST = "another-academy-trust";
    private static final String PATH = "/api/v1/templates";

    @Inject
    MessageTemplates templates;

    @Test
    void aTrustAdminsNewVersionsAreNumberedAuditedListedAndUsed() {
        // Welsh is a language of the trust's own: no other test renders it, and none is shipped.
        String versions = PATH + "/parent-online-safety-concern/cy/versions";
        int before = newestVersion("parent-online-safety-concern", "cy");
        String first = "First Welsh wording " + UUID.randomUUID();
        String second = "Corrected by the trust's translator " + UUID.randomUUID();

        given().auth().oauth2(admin()).contentType("application/json").body(welsh("Annwyl riant", first)).when()
                .post(versions).then().statusCode(201).body("version", equalTo(before + 1))
                .body("source", equalTo("trust")).body("changedBy", equalTo("north.trust-admin"))
                .body("templateRef", equalTo("parent-online-safety-concern.v" + (before + 1) + ".cy"));
        given().auth().oauth2(admin()).contentType("application/json").body(welsh("Annwyl riant neu ofalwr", second))
                .when().post(versions).then().statusCode(201).body("version", equalTo(before + 2));

        JsonPath listed = given().auth().oauth2(admin()).when().get(versions).then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("reason", String.class)).startsWith(second, first);
        assertThat(listed.getList("version", Integer.class)).startsWith(before + 2, before + 1);
        given().auth().oauth2(admin()).when().get(PATH).then().statusCode(200)
                .body("findAll { it.key == 'parent-online-safety-concern' && it.language == 'cy' }.version",
                        hasItem(before + 2))
                .body("findAll { it.key == 'parent-filtering-breach' && it.language == 'ur' }.source", hasItem("shipped"));

        Rendered rendered = templates.render(DemoTrust.TRUST_ID, "parent-online-safety-concern", "cy-GB", parentData());
        assertThat(rendered.templateRef()).isEqualTo("parent-online-safety-concern.v" + (before + 2) + ".cy");
        assertThat(rendered.fellBack()).isFalse();
        assertThat(rendered.body()).startsWith("Annwyl riant neu ofalwr").contains("01632 960 777");

        TopicProbe.await(Topics.AUDIT, r -> r.value().contains("template.version-added") && r.value().contains(second)
                && r.value().contains("parent-online-safety-concern.v" + (before + 1) + ".cy"), Duration.ofSeconds(30));
    }

    @Test
    void aLanguageWithoutWordingFallsBackToEnglishAndSaysSo() {
        Rendered french = templates.render(DemoTrust.TRUST_ID, "parent-filtering-breach", "fr", parentData());
        assertThat(french.language()).isEqualTo("en");
        assertThat(french.fellBack()).isTrue();
        assertThat(french.templateRef()).isEqualTo("parent-filtering-breach.v1.en");
        assertThat(french.body()).startsWith("Dear parent or carer,").contains("01632 960 777");

        Rendered staffInPolish = templates.render(DemoTrust.TRUST_ID, "staff-lado-timer", "pl",
                Map.of("schoolName", "North Primary", "caseLink", "https://vigil.test/cases/1"));
        assertThat(staffInPolish.fellBack()).isTrue();
        assertThat(staffInPolish.sms()).contains("North Primary").contains("https://vigil.test/cases/1");
    }

    @Test
    void anUnknownKeyOrAMissingVariableIsATemplateProblem() {
        assertThatThrownBy(() -> templates.render(DemoTrust.TRUST_ID, "parent-birthday", "en", parentData()))
                .isInstanceOf(TemplateProblem.class).hasMessageContaining("parent-birthday");
        Map<String, Object> withoutPhone = new HashMap<>(parentData());
        withoutPhone.remove("schoolPhone");
        assertThatThrownBy(() -> templates.render(DemoTrust.TRUST_ID, "parent-filtering-breach", "pl", withoutPhone))
                .isInstanceOf(TemplateProblem.class)
                .hasMessage("template parent-filtering-breach (pl) needs schoolPhone");
        // A caller that catches the problem can still record it in its own transaction.
        QuarkusTransaction.requiringNew().run(() -> {
            assertThatThrownBy(() -> templates.render(DemoTrust.TRUST_ID, "parent-filtering-breach", "pl",
                    withoutPhone)).isInstanceOf(TemplateProblem.class);
            assertThat(QuarkusTransaction.isRollbackOnly()).isFalse();
        });
    }

    @Test
    void anotherTrustsVersionsAreNeitherShownNorUsed() {
        String theirs = "Wording of another trust " + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            StoredTemplate row = new StoredTemplate();
            row.trustId = OTHER_TRUST;
            row.templateKey = "parent-filtering-breach";
            row.language = "en";
            row.version = StoredTemplate.newest(OTHER_TRUST, "parent-filtering-breach", "en").map(s -> s.version + 1)
                    .orElse(2);
            row.subject = "{schoolName}";
            row.body = theirs + " {schoolName} {schoolPhone} {schoolEmail} {contactRole}";
            row.sms = "{schoolName} {schoolPhone}";
            row.changedBy = "other.trust-admin";
            row.changedAt = Instant.now();
            row.reason = theirs;
            row.persist();
        });

        given().auth().oauth2(admin()).when().get(PATH + "/parent-filtering-breach/en/versions").then().statusCode(200)
                .body("reason", not(hasItem(theirs))).body("changedBy", not(hasItem("other.trust-admin")));
        given().auth().oauth2(admin()).when().get(PATH).then().statusCode(200)
                .body("findAll { it.key == 'parent-filtering-breach' && it.language == 'en' }.source", equalTo(List.of("shipped")));
        assertThat(templates.render(DemoTrust.TRUST_ID, "parent-filtering-breach", "en", parentData()).body())
                .doesNotContain(theirs);
        assertThat(templates.render(OTHER_TRUST, "parent-filtering-breach", "en", parentData()).body())
                .startsWith(theirs);
    }

    @Test
    void previewsRenderStoredWordingOrADraftWithTypicalOrGivenValues() {
        given().auth().oauth2(admin()).contentType("application/json")
                .body("{\"key\": \"parent-filtering-breach\", \"language\": \"ur\"}").when().post(PATH + "/preview")
                .then().statusCode(200).body("templateRef", equalTo("parent-filtering-breach.v1.ur"))
                .body("fellBack", equalTo(false)).body("sms", containsString("01632 960 123"));
        given().auth().oauth2(admin()).contentType("application/json")
                .body("{\"key\": \"staff-incident-opened\", \"language\": \"fr\", \"data\": {\"schoolName\": \"North Primary\","
                        + " \"requiredSteps\": []}}").when().post(PATH + "/preview")
                .then().statusCode(200).body("fellBack", equalTo(true)).body("language", equalTo("en"))
                .body("subject", containsString("North Primary")).body("body", not(containsString("What to do now")));
        given().auth().oauth2(admin()).contentType("application/json")
                .body("{\"key\": \"staff-lado-timer\", \"language\": \"en\", \"subject\": \"LADO: {schoolName}\","
                        + " \"body\": \"{schoolName}: {caseLink}\", \"sms\": \"{schoolName} {caseLink}\"}")
                .when().post(PATH + "/preview").then().statusCode(200)
                .body("templateRef", equalTo("staff-lado-timer.draft.en"))
                .body("subject", equalTo("LADO: St Aidan's Church of England Primary School"));
        given().auth().oauth2(admin()).contentType("application/json")
                .body("{\"key\": \"parent-filtering-breach\", \"language\": \"pl\", \"data\": {\"schoolPhone\": \" \"}}")
                .when().post(PATH + "/preview").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("data.schoolPhone"))
                .body("detail", equalTo("template parent-filtering-breach (pl) needs schoolPhone"));
    }

    @Test
    void wordingQuteCannotParseOrThatChangesTheVariablesIsRefusedNamingTheField() {
        String versions = PATH + "/parent-filtering-breach/cy/versions";
        int before = newestVersion("parent-filtering-breach", "cy");
        post(versions, "{schoolName}", "Dear {#if guardianName??}{guardianName}", "{schoolName} {schoolPhone}", "r")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("body"))
                .body("errors.message", hasItem(containsString("Qute cannot parse it")));
        post(versions, "{schoolName} about {learnerName}", parentBody(), "{schoolName} {schoolPhone}", "r")
                .then().statusCode(400).body("errors.field", hasItem("subject"))
                .body("errors.message", hasItem(containsString("{learnerName}")));
        post(versions, "{schoolName}", parentBody().replace("{schoolEmail}", ""), "{schoolName} {schoolPhone}", "r")
                .then().statusCode(400).body("errors.field", hasItem("body"))
                .body("errors.message", hasItem("must use {schoolEmail}"));
        post(versions, "{schoolName}", parentBody(), "{schoolName} {schoolPhone}", " ")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        post(versions, "{config:quarkus.datasource.password}", parentBody(), "{schoolName} {schoolPhone}", "r")
                .then().statusCode(400).body("errors.field", hasItem("subject"));
        post(PATH + "/parent-birthday/en/versions", "{schoolName}", parentBody(), "{schoolName}", "r")
                .then().statusCode(404).contentType("application/problem+json");
        post(PATH + "/parent-filtering-breach/e1/versions", "{schoolName}", parentBody(), "{schoolName}", "r")
                .then().statusCode(400).body("errors.field", hasItem("language"));
        assertThat(newestVersion("parent-filtering-breach", "cy")).isEqualTo(before);
    }

    @Test
    void onlyTrustAdminsMayReadOrChangeWording() {
        given().when().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body("{}").when().post(PATH + "/preview").then().statusCode(401);
        for (String role : List.of("staff", "dsl", "head", "governor")) {
            String token = Tokens.password(DemoTrust.NORTH.userPrefix() + "." + role);
            given().auth().oauth2(token).when().get(PATH).then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).contentType("application/json")
                    .body(welsh("Annwyl", "should never be stored")).when()
                    .post(PATH + "/parent-online-safety-concern/cy/versions").then().statusCode(403);
        }
        given().auth().oauth2(Tokens.app()).when().get(PATH + "/staff-digest/en/versions").then().statusCode(403);
        given().auth().oauth2(Tokens.app()).contentType("application/json")
                .body("{\"key\": \"staff-digest\", \"language\": \"en\"}").when().post(PATH + "/preview")
                .then().statusCode(403);
        given().auth().oauth2(admin()).when().get(PATH + "/staff-digest/en/versions").then().statusCode(200)
                .body("version", hasItem(1));
    }

    private static String admin() {
        return Tokens.password("north.trust-admin");
    }

    private static int newestVersion(String key, String language) {
        return QuarkusTransaction.requiringNew().call(() -> StoredTemplate.newest(DemoTrust.TRUST_ID, key, language)
                .map(s -> s.version).orElse(TemplateVersion.SHIPPED_VERSION));
    }

    private static Map<String, Object> parentData() {
        return Map.of("schoolName", "North Primary", "schoolPhone", "01632 960 777",
                "schoolEmail", "dsl@north.example.sch.uk", "contactRole", "Designated Safeguarding Lead");
    }

    private static String parentBody() {
        return "Dear {guardianName ?: 'parent or carer'}, please call our {contactRole} at {schoolName} on "
                + "{schoolPhone} or write to {schoolEmail}.";
    }

    private static String welsh(String greeting, String reason) {
        String body = greeting + ",\\n\\nHoffem siarad gyda chi am ddiogelwch ar-lein eich plentyn. Cysylltwch "
                + "â'n {contactRole} yn {schoolName}:\\n\\nFfôn: {schoolPhone}\\nE-bost: {schoolEmail}";
        return body(greeting + ": {schoolName}", body, "{schoolName}: ffoniwch {schoolPhone}", reason);
    }

    private static io.restassured.response.Response post(String path, String subject, String body, String sms,
            String reason) {
        return given().auth().oauth2(admin()).contentType("application/json").body(body(subject, body, sms, reason))
                .when().post(path);
    }

    private static String body(String subject, String body, String sms, String reason) {
        return "{\"subject\": \"%s\", \"body\": \"%s\", \"sms\": \"%s\", \"reason\": \"%s\"}"
                .formatted(subject, body, sms, reason);
    }
}
