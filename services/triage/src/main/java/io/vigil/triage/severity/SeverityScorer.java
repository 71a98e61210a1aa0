package io.vigil.triage.severity;

import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.PolicyCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Scores an incident from its policy category, then raises it one step for each aggravating
 * factor: the vendor's own high rating, a vulnerable learner (SEND, looked after, child protection
 * plan), a young learner seeing adult content, repetition within the correlation window, and
 * night-time for the categories where that matters. Every step is a reason a DSL can read.
 * Illegal content is always critical.
 */
public final class SeverityScorer {

    /** Alerts within the window that count as repetition. */
    public static final int REPEATED = 5;
    private static final Set<PolicyCategory> HIGH = EnumSet.of(PolicyCategory.SELF_HARM, PolicyCategory.SUICIDE,
            PolicyCategory.GROOMING_SEXUAL_EXPLOITATION, PolicyCategory.CRIMINAL_EXPLOITATION, PolicyCategory.EXTREMISM,
            PolicyCategory.NUDE_IMAGE_SHARING, PolicyCategory.MONITORING_FAILURE);
    private static final Set<PolicyCategory> LOW = EnumSet.of(PolicyCategory.GAMBLING, PolicyCategory.PIRACY,
            PolicyCategory.MALWARE_HACKING);
    private static final Set<PolicyCategory> NIGHT_SENSITIVE = EnumSet.of(PolicyCategory.SELF_HARM,
            PolicyCategory.SUICIDE, PolicyCategory.GROOMING_SEXUAL_EXPLOITATION);
    private static final Set<PolicyCategory> ADULT_CONTENT = EnumSet.of(PolicyCategory.PORNOGRAPHY,
            PolicyCategory.VIOLENCE, PolicyCategory.WEAPONS, PolicyCategory.DRUGS);
    private static final LocalTime NIGHT_FROM = LocalTime.of(22, 0);
    private static final LocalTime NIGHT_UNTIL = LocalTime.of(6, 0);

    /** What is known about the learner; all false/null when the alert was not resolved to one. */
    public record Learner(LocalDate dateOfBirth, boolean send, boolean lookedAfter, boolean childProtectionPlan) {
        public static final Learner UNKNOWN = new Learner(null, false, false, false);
    }

    /** Everything the score depends on. */
    public record Inputs(PolicyCategory category, Integer vendorSeverity, Learner learner, int alertsInWindow,
            Instant occurredAt, ZoneId zone) {
    }

    /** A severity and the reasons for it, in order. */
    public record Score(Severity severity, List<String> reasons) {
    }

    private SeverityScorer() {
    }

    public static Score score(Inputs in) {
        List<String> reasons = new ArrayList<>();
        if (in.category().illegalContent()) {
            reasons.add("Illegal content (" + in.category().slug() + "): always critical");
            return new Score(Severity.CRITICAL, reasons);
        }
        Severity base = HIGH.contains(in.category()) ? Severity.HIGH
                : LOW.contains(in.category()) ? Severity.LOW : Severity.MEDIUM;
        reasons.add("Category " + in.category().slug() + ": " + base.wireName());
        int steps = 0;
        if (in.vendorSeverity() != null && in.vendorSeverity() >= 4) {
            steps++;
            reasons.add("The vendor rates it " + in.vendorSeverity() + " of 5");
        }
        Learner learner = in.learner() == null ? Learner.UNKNOWN : in.learner();
        List<String> vulnerabilities = new ArrayList<>();
        if (learner.childProtectionPlan()) {
            vulnerabilities.add("has a child protection plan");
        }
        if (learner.lookedAfter()) {
            vulnerabilities.add("is looked after");
        }
        if (learner.send()) {
            vulnerabilities.add("has special educational needs or a disability");
        }
        if (!vulnerabilities.isEmpty()) {
            steps++;
            reasons.add("The learner " + String.join(" and ", vulnerabilities));
        }
        ZonedDateTime local = in.occurredAt().atZone(in.zone());
        if (learner.dateOfBirth() != null && ADULT_CONTENT.contains(in.category())) {
            int age = Period.between(learner.dateOfBirth(), local.toLocalDate()).getYears();
            if (age < 11) {
                steps++;
                reasons.add("The learner is " + age + " (primary age)");
            }
        }
        if (in.alertsInWindow() >= REPEATED) {
            steps++;
            reasons.add(in.alertsInWindow() + " alerts within the correlation window");
        }
        LocalTime time = local.toLocalTime();
        if (NIGHT_SENSITIVE.contains(in.category()) && (!time.isBefore(NIGHT_FROM) || time.isBefore(NIGHT_UNTIL))) {
            steps++;
            reasons.add("At night (" + time.withSecond(0).withNano(0) + ")");
        }
        Severity severity = Severity.values()[Math.min(Severity.CRITICAL.ordinal(), base.ordinal() + steps)];
        return new Score(severity, List.copyOf(reasons));
    }
}
