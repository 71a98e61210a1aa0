package io.vigil.reporting.report;

import static io.vigil.reporting.report.SmallCounts.change;
import static io.vigil.reporting.report.SmallCounts.count;
import static io.vigil.reporting.report.SmallCounts.duration;
import static io.vigil.reporting.report.SmallCounts.group;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

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
                figures, Figures.CATEGORY, CATEGORIES, true));
        tables.add(counts("by-4cs", "Incidents by the 4Cs of online risk", "An incident counts under each of the 4Cs "
                + "its category belongs to (self-harm, for example, is both content and conduct), so these add up to "
                + "more than the number of incidents. Other, monitoring-failure and unclassified incidents belong to "
                + "none of the 4Cs.", "Area", figures, Figures.FOUR_CS, FOUR_CS, false));
        tables.add(counts("by-severity", "Incidents by severity", null, "Severity", figures, Figures.SEVERITY,
                SEVERITIES, true));
        tables.add(counts("outcomes", "How closed incidents ended", null, "Outcome", figures, Figures.OUTCOME,
                OUTCOMES, true));
        tables.add(counts("referrals", "Referrals by agency", "One incident may be referred to more than one "
                + "agency.", "Agency", figures, Figures.REFERRAL, AGENCIES, true));
        tables.add(counts("parent-contact", "Contacting parents and carers", "Whether the school decided to tell "
                + "the child's parents or carers.", "Decision", figures, Figures.PARENT_CONTACT, PARENT_CONTACT,
                true));
        tables.add(counts("withheld-reasons", "Why parents or carers were not contacted", null, "Reason", figures,
                Figures.WITHHELD_REASON, WITHHELD_REASONS, true));
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
        notes.add("Where the counts of a table add up to a figure shown elsewhere in the report and only one of "
                + "them is fewer than 5, the next smallest is shown as \"" + SmallCounts.PROTECTS + "\", so that "
                + "the small one cannot be worked out by subtraction.");
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
        List<String> states = group(List.of(figures.count(Figures.STATE, "closed"),
                figures.count(Figures.STATE, "open")));
        return new ReportTable("summary", "Summary", null, List.of("Measure", "Value"), List.of(
                List.of("Incidents opened", count(figures.total())),
                List.of("Closed", states.get(0)),
                List.of("Still open", states.get(1)),
                List.of("False positives", falsePositives(figures)),
                List.of("Silenced (recorded, nobody told)", count(figures.count(Figures.SILENCED, "silenced"))),
                List.of("Hours a filtering or monitoring system was silent", hours(figures.silentSeconds()))));
    }

    /**
     * A count per value of a dimension: the known values in order (0 when none), then any others found; when
     * they {@code addUp} to a figure the report shows, written as a {@link SmallCounts#group}.
     */
    private static ReportTable counts(String key, String title, String note, String label, Figures figures,
            String dimension, List<String> known, boolean addUp) {
        List<List<String>> rows = new ArrayList<>();
        texts(figures, dimension, known, addUp).forEach((value, text) -> rows.add(List.of(value, text)));
        return new ReportTable(key, title, note, List.of(label, Figures.REFERRAL.equals(dimension)
                ? "Referrals" : "Incidents"), rows);
    }

    /** Each value of a dimension (the known ones, then any others found) and its count as written. */
    private static Map<String, String> texts(Figures figures, String dimension, List<String> known, boolean addUp) {
        Set<String> values = new LinkedHashSet<>(known);
        values.addAll(figures.counts(dimension).keySet());
        List<Long> counts = values.stream().map(value -> figures.count(dimension, value)).toList();
        List<String> texts = addUp ? group(counts) : counts.stream().map(SmallCounts::count).toList();
        Map<String, String> byValue = new LinkedHashMap<>();
        int i = 0;
        for (String value : values) {
            byValue.put(value, texts.get(i++));
        }
        return byValue;
    }

    /** False positives as the outcomes table writes them, wherever else the report shows them. */
    private static String falsePositives(Figures figures) {
        return texts(figures, Figures.OUTCOME, OUTCOMES, true).get(FALSE_POSITIVE);
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

    /**
     * This period's severities and false positives as the other tables write them; the previous period's
     * severities add up to its incidents, shown here, so they are a group of their own.
     */
    private static ReportTable trend(Figures now, Figures before, ReportPeriod previous) {
        Map<String, String> nowSeverities = texts(now, Figures.SEVERITY, SEVERITIES, true);
        Map<String, String> beforeSeverities = texts(before, Figures.SEVERITY, SEVERITIES, true);
        List<List<String>> rows = new ArrayList<>();
        rows.add(trendRow("Incidents opened", now.total(), count(now.total()), before.total(),
                count(before.total())));
        for (String severity : SEVERITIES) {
            rows.add(trendRow("Severity " + severity, now.count(Figures.SEVERITY, severity),
                    nowSeverities.get(severity), before.count(Figures.SEVERITY, severity),
                    beforeSeverities.get(severity)));
        }
        rows.add(trendRow("Referrals", referrals(now), count(referrals(now)), referrals(before),
                count(referrals(before))));
        rows.add(trendRow("False positives", now.count(Figures.OUTCOME, FALSE_POSITIVE), falsePositives(now),
                before.count(Figures.OUTCOME, FALSE_POSITIVE), count(before.count(Figures.OUTCOME, FALSE_POSITIVE))));
        return new ReportTable("trend", "Compared with " + previous.label(), null,
                List.of("Measure", "This period", previous.label(), "Change"), rows);
    }

    private static List<String> trendRow(String label, long now, String nowText, long before, String beforeText) {
        return List.of(label, nowText, beforeText, change(now, nowText, before, beforeText));
    }

    private static long referrals(Figures figures) {
        return figures.counts(Figures.REFERRAL).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A row per school. Each count column adds up over the schools to a figure the report shows for the trust,
     * and a school's closed and still open incidents add up to its incidents, so each is a group.
     */
    private static ReportTable bySchool(Map<String, Figures> current) {
        List<String> schools = current.keySet().stream().filter(school -> !ReportQueries.TRUST.equals(school))
                .toList();
        List<List<Long>> columns = List.of(
                column(schools, current, Figures::total),
                column(schools, current, figures -> figures.count(Figures.SEVERITY, "critical")),
                column(schools, current, figures -> figures.count(Figures.SEVERITY, "high")),
                column(schools, current, Reports::referrals),
                column(schools, current, figures -> figures.count(Figures.OUTCOME, FALSE_POSITIVE)),
                column(schools, current, figures -> figures.count(Figures.STATE, "closed")),
                column(schools, current, figures -> figures.count(Figures.STATE, "open")));
        List<List<String>> texts = columns.stream().map(SmallCounts::group).toList();
        int closed = columns.size() - 2;
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < schools.size(); s++) {
            List<String> row = new ArrayList<>();
            row.add(schools.get(s));
            List<String> states = group(List.of(columns.get(closed).get(s), columns.get(closed + 1).get(s)));
            for (int c = 0; c < columns.size(); c++) {
                String text = texts.get(c).get(s);
                row.add(c >= closed && SmallCounts.PROTECTS.equals(states.get(c - closed)) ? states.get(c - closed)
                        : text);
            }
            row.add(hours(current.get(schools.get(s)).silentSeconds()));
            rows.add(row);
        }
        return new ReportTable("by-school", "School by school", null, List.of("School", "Incidents", "Critical",
                "High", "Referrals", "False positives", "Closed", "Still open", "Silent hours"), rows);
    }

    private static List<Long> column(List<String> schools, Map<String, Figures> current,
            ToLongFunction<Figures> count) {
        return schools.stream().map(school -> count.applyAsLong(current.get(school))).toList();
    }
}
