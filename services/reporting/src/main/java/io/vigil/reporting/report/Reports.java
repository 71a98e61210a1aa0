package io.vigil.reporting.report;

import static io.vigil.reporting.report.SmallCounts.change;
import static io.vigil.reporting.report.SmallCounts.count;
import static io.vigil.reporting.report.SmallCounts.duration;
import static io.vigil.reporting.report.SmallCounts.hours;

import io.vigil.common.time.CalendarConfig;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vigil.reporting.assurance.AssuranceRegister;
import io.vigil.reporting.assurance.AssuranceSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds governor and trust reports from the incident register: a school's report for its governors, head and
 * DSL, and the trust-wide one with a row per school for the trust safeguarding lead.
 */
@ApplicationScoped
public class Reports {

    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
    static final List<String> FOUR_CS = Arrays.stream(FourCs.values()).map(FourCs::wireName).toList();
    static final List<String> CATEGORIES = Arrays.stream(PolicyCategory.values()).map(PolicyCategory::slug).toList();
    /** The agencies triage records referrals to. */
    static final List<String> AGENCIES = List.of("children-social-care", "police", "lado", "ceop", "iwf", "prevent",
            "report-harmful-content");
    /** How triage closes a case (false positives have their own step). */
    static final List<String> OUTCOMES = List.of("referred", "handled-in-school", "advice-given", "no-further-action",
            "false-positive", "not-recorded");
    static final List<String> PARENT_CONTACT = List.of("approved", "withheld", "undecided");
    static final List<String> WITHHELD_REASONS = List.of("risk-to-child", "police-advice", "other");
    static final String FALSE_POSITIVE = "false-positive";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    @Inject
    ReportQueries queries;

    @Inject
    AssuranceRegister assuranceRegister;

    @Inject
    TermsConfig terms;

    @Inject
    CalendarConfig calendar;

    @Inject
    Clock clock;

    /** The period an id names; 400 when malformed, unknown or not yet begun. */
    public ReportPeriod period(String id) {
        return ReportPeriod.parse(id, terms, LocalDate.now(clock.withZone(calendar.zone())));
    }

    /** A school's report, as callers with {@code roles} may see it. */
    public Report school(String trustId, String schoolId, ReportPeriod period, Collection<String> roles) {
        return build(trustId, schoolId, List.of(schoolId), period, roles);
    }

    /** The trust-wide report over {@code schoolIds}, with a row per school. */
    public Report trust(String trustId, Collection<String> schoolIds, ReportPeriod period, Collection<String> roles) {
        return build(trustId, null, List.copyOf(new LinkedHashSet<>(schoolIds)), period, roles);
    }

    private Report build(String trustId, String schoolId, List<String> schoolIds, ReportPeriod period,
            Collection<String> roles) {
        Instant now = clock.instant();
        ReportPeriod previous = period.previous(terms);
        Instant from = start(period.from());
        Instant to = start(period.toExclusive());
        Instant until = to.isAfter(now) ? now : to;
        Map<String, Figures> current = queries.figures(trustId, schoolIds, roles, from, to, until, true);
        Figures before = queries.figures(trustId, schoolIds, roles, start(previous.from()),
                start(previous.toExclusive()), start(previous.toExclusive()), false).get(ReportQueries.TRUST);
        Figures figures = current.get(ReportQueries.TRUST);

        List<ReportTable> tables = new ArrayList<>();
        tables.add(summary(figures));
        tables.add(counts("by-category", "Incidents by policy category", null, "Category",
                figures, Figures.CATEGORY, CATEGORIES));
        tables.add(counts("by-4cs", "Incidents by the 4Cs of online risk", "An incident counts under each of the 4Cs "
                + "its category belongs to (self-harm, for example, is both content and conduct), so these add up to "
                + "more than the number of incidents. Other, monitoring-failure and unclassified incidents belong to "
                + "none of the 4Cs.", "Area", figures, Figures.FOUR_CS, FOUR_CS));
        tables.add(counts("by-severity", "Incidents by severity", null, "Severity", figures, Figures.SEVERITY,
                SEVERITIES));
        tables.add(counts("outcomes", "How closed incidents ended", null, "Outcome", figures, Figures.OUTCOME,
                OUTCOMES));
        tables.add(counts("referrals", "Referrals by agency", "One incident may be referred to more than one "
                + "agency.", "Agency", figures, Figures.REFERRAL, AGENCIES));
        tables.add(counts("parent-contact", "Contacting parents and carers", "Whether the school decided to tell "
                + "the child's parents or carers.", "Decision", figures, Figures.PARENT_CONTACT, PARENT_CONTACT));
        tables.add(counts("withheld-reasons", "Why parents or carers were not contacted", null, "Reason", figures,
                Figures.WITHHELD_REASON, WITHHELD_REASONS));
        tables.add(responseTimes(figures));
        tables.add(trend(figures, before, previous));
        if (schoolId == null) {
            tables.add(bySchool(current));
        }
        ReportTable assurance = assurance(assuranceRegister.summary(trustId, schoolIds, period.from(),
                period.toExclusive()));

        String title = schoolId == null
                ? "Online safety report for " + trustId + " (all schools), " + period.label()
                : "Online safety report for " + schoolId + ", " + period.label();
        return new Report(title, trustId, schoolId, schoolIds, period, previous, now,
                notes(period, until.isBefore(to)), tables, assurance);
    }

    private Instant start(LocalDate day) {
        return day.atStartOfDay(calendar.zone()).toInstant();
    }

    private static List<String> notes(ReportPeriod period, boolean unfinished) {
        List<String> notes = new ArrayList<>();
        notes.add("Every figure is about the incidents opened from " + DAY.format(period.from()) + " to "
                + DAY.format(period.to()) + ", including referrals, outcomes and decisions recorded later.");
        if (unfinished) {
            notes.add("The period has not ended: the figures are those known when the report was made.");
        }
        notes.add("Any count from 1 to 4 is shown as \"" + SmallCounts.FEWER_THAN_5 + "\", so that no child can be "
                + "recognised; a change or a time worked out from fewer than 5 incidents is not shown either.");
        notes.add("Silenced incidents (recorded, but nobody was told) are counted like every other.");
        notes.add("A concern about a member of staff is counted only in reports for the people it was sent to.");
        notes.add("The report names no child, no member of staff and no single incident.");
        return notes;
    }

    /**
     * The filtering assurance register's figures. They count filtering changes and checks, never children, so
     * no count is hidden.
     */
    static ReportTable assurance(AssuranceSummary summary) {
        return new ReportTable("assurance", Report.ASSURANCE_TITLE, "From the school's filtering "
                + "change log, its checks register and its annual review sign-offs (DfE filtering and monitoring "
                + "standards).", List.of("Measure", "Value"), List.of(
                        List.of("Filtering changes asked for", Integer.toString(summary.changesRequested())),
                        List.of("Filtering changes approved", Integer.toString(summary.changesApproved())),
                        List.of("Filtering changes turned down", Integer.toString(summary.changesRejected())),
                        List.of("Checks of filtering and monitoring done", Integer.toString(summary.checksDone())),
                        List.of("Checks that failed", Integer.toString(summary.checksFailed())),
                        List.of("Latest annual review signed off", summary.lastAnnualReview() == null ? "none"
                                : DAY.format(summary.lastAnnualReview())),
                        List.of("Annual review overdue", summary.annualReviewOverdue() ? "yes" : "no")));
    }

    private static ReportTable summary(Figures figures) {
        return new ReportTable("summary", "Summary", null, List.of("Measure", "Value"), List.of(
                List.of("Incidents opened", count(figures.total())),
                List.of("Closed", count(figures.count(Figures.STATE, "closed"))),
                List.of("Still open", count(figures.count(Figures.STATE, "open"))),
                List.of("False positives", count(figures.count(Figures.OUTCOME, FALSE_POSITIVE))),
                List.of("Silenced (recorded, nobody told)", count(figures.count(Figures.SILENCED, "silenced"))),
                List.of("Hours a filtering or monitoring system was silent", hours(figures.silentSeconds()))));
    }

    /** A count per value of a dimension: the known values in order (0 when none), then any others found. */
    private static ReportTable counts(String key, String title, String note, String label, Figures figures,
            String dimension, List<String> known) {
        Set<String> values = new LinkedHashSet<>(known);
        values.addAll(figures.counts(dimension).keySet());
        List<List<String>> rows = values.stream()
                .map(value -> List.of(value, count(figures.count(dimension, value)))).toList();
        return new ReportTable(key, title, note, List.of(label, Figures.REFERRAL.equals(dimension)
                ? "Referrals" : "Incidents"), rows);
    }

    private static ReportTable responseTimes(Figures figures) {
        return new ReportTable("response-times", "How quickly incidents were acknowledged and closed",
                "Measured from when the incident was opened. A time is not shown when fewer than 5 incidents "
                        + "have it.",
                List.of("Measure", "Incidents measured", "Median", "90th percentile"), List.of(
                        times("Time to acknowledge", figures.acknowledge()),
                        times("Time to close", figures.close())));
    }

    private static List<String> times(String label, Figures.Durations durations) {
        return List.of(label, count(durations.measured()), duration(durations.measured(), durations.medianSeconds()),
                duration(durations.measured(), durations.p90Seconds()));
    }

    private static ReportTable trend(Figures now, Figures before, ReportPeriod previous) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(trendRow("Incidents opened", now.total(), before.total()));
        for (String severity : SEVERITIES) {
            rows.add(trendRow("Severity " + severity, now.count(Figures.SEVERITY, severity),
                    before.count(Figures.SEVERITY, severity)));
        }
        rows.add(trendRow("Referrals", referrals(now), referrals(before)));
        rows.add(trendRow("False positives", now.count(Figures.OUTCOME, FALSE_POSITIVE),
                before.count(Figures.OUTCOME, FALSE_POSITIVE)));
        return new ReportTable("trend", "Compared with " + previous.label(), null,
                List.of("Measure", "This period", previous.label(), "Change"), rows);
    }

    private static List<String> trendRow(String label, long now, long before) {
        return List.of(label, count(now), count(before), change(now, before));
    }

    private static long referrals(Figures figures) {
        return figures.counts(Figures.REFERRAL).values().stream().mapToLong(Long::longValue).sum();
    }

    private static ReportTable bySchool(Map<String, Figures> current) {
        List<List<String>> rows = new ArrayList<>();
        current.forEach((school, figures) -> {
            if (!ReportQueries.TRUST.equals(school)) {
                rows.add(List.of(school, count(figures.total()), count(figures.count(Figures.SEVERITY, "critical")),
                        count(figures.count(Figures.SEVERITY, "high")), count(referrals(figures)),
                        count(figures.count(Figures.OUTCOME, FALSE_POSITIVE)),
                        count(figures.count(Figures.STATE, "closed")), count(figures.count(Figures.STATE, "open")),
                        hours(figures.silentSeconds())));
            }
        });
        return new ReportTable("by-school", "School by school", null, List.of("School", "Incidents", "Critical",
                "High", "Referrals", "False positives", "Closed", "Still open", "Silent hours"), rows);
    }
}
