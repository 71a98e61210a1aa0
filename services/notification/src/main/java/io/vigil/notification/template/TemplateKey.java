package io.vigil.notification.template;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of message Vigil sends, each with the variables its wording may use. Staff messages name
 * only the school, the severity, the 4Cs group and a link to the case; parent and carer messages name
 * only the school and how to reach it, never what happened, the child or a link to the case.
 */
public enum TemplateKey {

    STAFF_INCIDENT_OPENED("staff-incident-opened", Audience.STAFF, List.of("schoolName", "severity", "caseLink"),
            Variable.text("schoolName"), Variable.text("severity"), Variable.text("categoryGroup"),
            Variable.text("caseLink"), Variable.list("requiredSteps")),
    STAFF_INCIDENT_ESCALATED("staff-incident-escalated", Audience.STAFF, List.of("schoolName", "caseLink"),
            Variable.text("schoolName"), Variable.text("severity"), Variable.text("categoryGroup"),
            Variable.text("caseLink"), Variable.text("reason"), Variable.text("level")),
    STAFF_LADO_TIMER("staff-lado-timer", Audience.STAFF, List.of("schoolName", "caseLink"),
            Variable.text("schoolName"), Variable.text("caseLink")),
    STAFF_SOURCE_SILENT("staff-source-silent", Audience.STAFF, List.of("schoolName", "caseLink"),
            Variable.text("schoolName"), Variable.text("applianceName"), Variable.text("silentSince"),
            Variable.text("caseLink")),
    STAFF_DIGEST("staff-digest", Audience.STAFF, List.of("schoolName", "count"),
            Variable.text("schoolName"), Variable.text("period"), Variable.text("count"), Variable.list("caseLinks")),
    PARENT_FILTERING_BREACH("parent-filtering-breach", Audience.PARENT, List.of("schoolName", "schoolPhone"),
            parentVariables()),
    PARENT_ONLINE_SAFETY_CONCERN("parent-online-safety-concern", Audience.PARENT, List.of("schoolName", "schoolPhone"),
            parentVariables());

    /** Who reads a message: the languages Vigil ships follow from it. */
    public enum Audience {
        /** Staff at the school or trust: English only. */
        STAFF(Set.of(Languages.ENGLISH)),
        /** Parents and carers: English and the most common home languages. */
        PARENT(Set.of(Languages.ENGLISH, "pl", "ur"));

        private final Set<String> shippedLanguages;

        Audience(Set<String> shippedLanguages) {
            this.shippedLanguages = shippedLanguages;
        }
    }

    /**
     * A value a template may use. A required text must be given and not blank; a list may be empty
     * (an absent list counts as empty); an optional text may be absent, and the wording must read
     * well without it.
     */
    public record Variable(String name, Kind kind, boolean optional) {

        /** What kind of value the variable holds. */
        public enum Kind { TEXT, LIST }

        static Variable text(String name) {
            return new Variable(name, Kind.TEXT, false);
        }

        static Variable optionalText(String name) {
            return new Variable(name, Kind.TEXT, true);
        }

        static Variable list(String name) {
            return new Variable(name, Kind.LIST, false);
        }
    }

    private final String key;
    private final Audience audience;
    private final List<String> smsNeeds;
    private final List<Variable> variables;

    TemplateKey(String key, Audience audience, List<String> smsNeeds, Variable... variables) {
        this.key = key;
        this.audience = audience;
        this.smsNeeds = smsNeeds;
        this.variables = List.of(variables);
    }

    private static Variable[] parentVariables() {
        return new Variable[] {Variable.optionalText("guardianName"), Variable.text("schoolName"),
                Variable.text("schoolPhone"), Variable.text("schoolEmail"), Variable.text("contactRole")};
    }

    /** The key as messages, files and the API name it, e.g. {@code parent-filtering-breach}. */
    public String key() {
        return key;
    }

    public Audience audience() {
        return audience;
    }

    /** Every variable the wording may use. */
    public List<Variable> variables() {
        return variables;
    }

    /** The variables the body must use: all but the optional ones (a parent message must say how to reach the school). */
    public List<String> bodyNeeds() {
        return variables.stream().filter(v -> !v.optional()).map(Variable::name).toList();
    }

    /** The variables a text message must use to be any good on its own. */
    public List<String> smsNeeds() {
        return smsNeeds;
    }

    /** The languages Vigil ships wording in for this key. */
    public Set<String> shippedLanguages() {
        return audience.shippedLanguages;
    }

    public Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The key named {@code key}, if Vigil has one. */
    public static Optional<TemplateKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
