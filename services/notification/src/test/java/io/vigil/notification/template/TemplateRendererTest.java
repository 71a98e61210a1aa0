package io.vigil.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.problem.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict rendering and the checks a trust's wording passes before it is stored. */
class TemplateRendererTest {

    private final ShippedTemplates shipped = ShippedTemplates.load();
    private final TemplateRenderer renderer = Renderers.strict();

    @Test
    void everyTextMessageFitsInThreeHundredCharactersWithTypicalValues() {
        for (TemplateKey key : TemplateKey.values()) {
            for (String language : key.shippedLanguages()) {
                Rendered rendered = renderer.render(shipped.find(key, language).orElseThrow(), false, SampleData.of(key));
                assertThat(rendered.sms().length()).as(rendered.templateRef()).isLessThanOrEqualTo(TemplateRenderer.SMS_LIMIT);
            }
        }
    }

    @Test
    void everyShippedTemplatePassesTheChecksATrustsWordingMust() {
        for (TemplateKey key : TemplateKey.values()) {
            for (String language : key.shippedLanguages()) {
                assertThat(renderer.check(key, shipped.find(key, language).orElseThrow().text()))
                        .as(key.key() + " (" + language + ")").isEmpty();
            }
        }
    }

    @Test
    void aMissingOrBlankRequiredVariableIsAProblemNamingItNeverABlank() {
        TemplateVersion polish = shipped.find(TemplateKey.PARENT_FILTERING_BREACH, "pl").orElseThrow();
        Map<String, Object> data = new HashMap<>(SampleData.of(TemplateKey.PARENT_FILTERING_BREACH));
        data.remove("schoolPhone");
        assertThatThrownBy(() -> renderer.render(polish, false, data)).isInstanceOf(TemplateProblem.class)
                .hasMessage("template parent-filtering-breach (pl) needs schoolPhone");
        data.put("schoolPhone", "  ");
        assertThatThrownBy(() -> renderer.render(polish, false, data)).isInstanceOf(TemplateProblem.class)
                .hasMessage("template parent-filtering-breach (pl) needs schoolPhone");
    }

    @Test
    void aListGivenAsTextIsAProblem() {
        Map<String, Object> data = new HashMap<>(SampleData.of(TemplateKey.STAFF_INCIDENT_OPENED));
        data.put("requiredSteps", "Tell the head");
        assertThatThrownBy(() -> renderer.render(shipped.find(TemplateKey.STAFF_INCIDENT_OPENED, "en").orElseThrow(),
                false, data)).isInstanceOf(TemplateProblem.class)
                .hasMessageContaining("needs requiredSteps as a list");
    }

    @Test
    void valuesTheKeyDoesNotOfferAreNotPassedToTheWording() {
        TemplateText text = new TemplateText("{schoolName}", "{schoolName} {caseLink}", "{schoolName} {caseLink}");
        TemplateVersion version = new TemplateVersion(TemplateKey.STAFF_LADO_TIMER, "en", 2, false, text, null, null,
                null);
        Map<String, Object> data = new HashMap<>(SampleData.of(TemplateKey.STAFF_LADO_TIMER));
        data.put("learnerName", "Jamie");
        assertThat(renderer.render(version, false, data).body()).doesNotContain("Jamie");
    }

    @Test
    void wordingThatQuteCannotParseIsRefusedNamingThePart() {
        assertThat(fields(check(TemplateKey.STAFF_LADO_TIMER, "Case at {schoolName", "{schoolName} {caseLink}",
                "{schoolName} {caseLink}"))).containsExactly("subject");
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "x", "{#if schoolName}{caseLink}", "{schoolName} {caseLink}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.message()).startsWith("Qute cannot parse it");
                });
    }

    @Test
    void aVariableTheKeyDoesNotOfferIsRefused() {
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "x", "{schoolName} {caseLink} {learnerName}",
                "{schoolName} {caseLink}")).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.message()).contains("{learnerName}").contains("does not offer");
                });
    }

    @Test
    void namespacesAndSectionsThatReachBeyondTheMessageAreRefused() {
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "{config:quarkus.datasource.password}", "{schoolName} {caseLink}",
                "{schoolName} {caseLink}")).extracting(Problem.FieldError::field).contains("subject");
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "x", "{schoolName} {caseLink} {#include other /}",
                "{schoolName} {caseLink}")).extracting(Problem.FieldError::message)
                .anyMatch(m -> m.contains("{#include}"));
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "x", "{schoolName} {caseLink} {#let p=config:quarkus.mailer.password}"
                + "{p}{/let}", "{schoolName} {caseLink}")).extracting(Problem.FieldError::message)
                .anyMatch(m -> m.contains("config:quarkus.mailer.password"));
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "x", "{schoolName} {caseLink} {#if inject:clock}x{/if}",
                "{schoolName} {caseLink}")).extracting(Problem.FieldError::message)
                .anyMatch(m -> m.contains("inject:clock"));
    }

    @Test
    void noDataAtAllIsAProblemNamingTheFirstMissingVariable() {
        assertThatThrownBy(() -> renderer.render(shipped.find(TemplateKey.STAFF_DIGEST, "en").orElseThrow(), false, null))
                .isInstanceOf(TemplateProblem.class).hasMessage("template staff-digest (en) needs schoolName");
    }

    @Test
    void droppingTheSchoolsContactDetailsFromAParentMessageIsRefused() {
        TemplateText shippedText = shipped.find(TemplateKey.PARENT_FILTERING_BREACH, "en").orElseThrow().text();
        TemplateText withoutPhone = new TemplateText(shippedText.subject(),
                shippedText.body().replace("Phone: {schoolPhone}", ""), shippedText.sms());
        assertThat(renderer.check(TemplateKey.PARENT_FILTERING_BREACH, withoutPhone)).singleElement()
                .isEqualTo(new Problem.FieldError("body", "must use {schoolPhone}"));
        TemplateText smsWithoutPhone = new TemplateText(shippedText.subject(), shippedText.body(),
                "{schoolName} would like to talk with you.");
        assertThat(renderer.check(TemplateKey.PARENT_FILTERING_BREACH, smsWithoutPhone)).singleElement()
                .isEqualTo(new Problem.FieldError("sms", "must use {schoolPhone}"));
    }

    @Test
    void wordingThatOnlyFailsWhenRenderedIsRefused() {
        // Parses and names only offered variables, but strings have no "shout" property.
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "{schoolName.shout}", "{schoolName} {caseLink}",
                "{schoolName} {caseLink}")).extracting(Problem.FieldError::field).containsExactly("subject");
    }

    @Test
    void aTextMessageTooLongWithTypicalValuesIsRefused() {
        String longSms = "{schoolName} {caseLink} " + "x".repeat(250);
        assertThat(check(TemplateKey.STAFF_LADO_TIMER, "x", "{schoolName} {caseLink}", longSms)).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("sms"));
    }

    @Test
    void loopNamesAndOptionalVariablesAreAllowed() {
        assertThat(check(TemplateKey.STAFF_DIGEST, "{count} at {schoolName}",
                "{period} {schoolName} {count}\n{#for link in caseLinks}{link_count}. {link}\n{/for}"
                        + "{#each caseLinks}{it}{/each}{#let n=count}{n}{/let}", "{schoolName}: {count}")).isEmpty();
        assertThat(check(TemplateKey.PARENT_ONLINE_SAFETY_CONCERN, "{schoolName}",
                "Dear {guardianName ?: 'parent or carer'}, {schoolName} {schoolPhone} {schoolEmail} {contactRole}",
                "{schoolName} {schoolPhone}")).isEmpty();
    }

    @Test
    void anOptionalVariableUsedWithoutAFallbackIsRefused() {
        // Renders with a name, fails without one: it would fail for every guardian whose name is unknown.
        assertThat(check(TemplateKey.PARENT_ONLINE_SAFETY_CONCERN, "{schoolName}",
                "Dear {guardianName}, {schoolName} {schoolPhone} {schoolEmail} {contactRole}",
                "{schoolName} {schoolPhone}")).extracting(Problem.FieldError::field).containsExactly("body");
    }

    private List<Problem.FieldError> check(TemplateKey key, String subject, String body, String sms) {
        return renderer.check(key, new TemplateText(subject, body, sms));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
