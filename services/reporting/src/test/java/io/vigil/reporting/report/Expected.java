package io.vigil.reporting.report;

import io.vigil.contracts.taxonomy.PolicyCategory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a report over a {@link Dataset} must say, worked out in plain Java from the generated rows: table key →
 * row label → the row's other cells, as written for people (1 to 4 as "fewer than 5", and so on).
 */
final class Expected {

    static final String SMALL = "fewer than 5";
    static final String WITHHELD = "not shown (fewer than 5)";

    private Expected() {
    }

    static Map<String, Map<String, List<String>>> report(Dataset data, Collection<String> schools, LocalDate from,
            LocalDate to, LocalDate previousFrom, LocalDate previousTo, Collection<String> roles, boolean trustWide) {
        List<Dataset.Incident> now = data.opened(schools, from, to, roles);
        List<Dataset.Incident> before = data.opened(schools, previousFrom, previousTo, roles);
        Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();

        Map<String, List<String>> summary = new LinkedHashMap<>();
        summary.put("Incidents opened", List.of(count(now.size())));
        summary.put("Closed", List.of(count(now, i -> "closed".equals(i.status()))));
        summary.put("Still open", List.of(count(now, i -> !"closed".equals(i.status()))));
        summary.put("False positives", List.of(count(now, i -> "false-positive".equals(i.outcome()))));
        summary.put("Silenced (recorded, nobody told)", List.of(count(now, Dataset.Incident::silenced)));
        summary.put("Hours a filtering or monitoring system was silent",
                List.of(hours(silentSeconds(data, schools, from, to, roles))));
        tables.put("summary", summary);

        tables.put("by-category", byValue(now, Dataset.Incident::category,
                java.util.Arrays.stream(PolicyCategory.values()).map(PolicyCategory::slug).toList()));
        Map<String, List<String>> fourCs = new LinkedHashMap<>();
        for (String c : List.of("content", "contact", "conduct", "commerce")) {
            fourCs.put(c, List.of(count(now, i -> i.fourCs().contains(c))));
        }
        tables.put("by-4cs", fourCs);
        tables.put("by-severity", byValue(now, Dataset.Incident::severity, List.of("critical", "high", "medium", "low")));
        tables.put("outcomes", byValue(now, Dataset.Incident::outcome, Dataset.OUTCOMES));
        Map<String, List<String>> referrals = new LinkedHashMap<>();
        for (String agency : Dataset.AGENCIES) {
            long n = now.stream().flatMap(i -> i.referrals().stream()).filter(agency::equals).count();
            if (n > 0 || !"mash".equals(agency)) {
                referrals.put(agency, List.of(count(n)));
            }
        }
        tables.put("referrals", referrals);
        tables.put("parent-contact", byValue(now, Dataset.Incident::parentContact,
                List.of("approved", "withheld", "undecided")));
        Map<String, List<String>> reasons = byValue(now.stream().filter(i -> "withheld".equals(i.parentContact()))
                .toList(), i -> i.reason() == null ? "not-recorded" : i.reason(), Dataset.REASONS);
        tables.put("withheld-reasons", reasons);

        Map<String, List<String>> times = new LinkedHashMap<>();
        times.put("Time to acknowledge", times(now, Dataset.Incident::acknowledgedAt));
        times.put("Time to close", times(now, Dataset.Incident::closedAt));
        tables.put("response-times", times);

        Map<String, List<String>> trend = new LinkedHashMap<>();
        trend.put("Incidents opened", trend(now.size(), before.size()));
        for (String severity : List.of("critical", "high", "medium", "low")) {
            trend.put("Severity " + severity, trend(count(now, severity), count(before, severity)));
        }
        trend.put("Referrals", trend(now.stream().mapToLong(i -> i.referrals().size()).sum(),
                before.stream().mapToLong(i -> i.referrals().size()).sum()));
        trend.put("False positives", trend(now.stream().filter(i -> "false-positive".equals(i.outcome())).count(),
                before.stream().filter(i -> "false-positive".equals(i.outcome())).count()));
        tables.put("trend", trend);

        if (trustWide) {
            Map<String, List<String>> bySchool = new LinkedHashMap<>();
            for (String school : schools) {
                List<Dataset.Incident> its = now.stream().filter(i -> i.school().equals(school)).toList();
                bySchool.put(school, List.of(count(its.size()), count(its, i -> "critical".equals(i.severity())),
                        count(its, i -> "high".equals(i.severity())),
                        count(its.stream().mapToLong(i -> i.referrals().size()).sum()),
                        count(its, i -> "false-positive".equals(i.outcome())),
                        count(its, i -> "closed".equals(i.status())), count(its, i -> !"closed".equals(i.status())),
                        hours(silentSeconds(data, List.of(school), from, to, roles))));
            }
            tables.put("by-school", bySchool);
        }
        return tables;
    }

    private static long count(List<Dataset.Incident> incidents, String severity) {
        return incidents.stream().filter(i -> severity.equals(i.severity())).count();
    }

    private static Map<String, List<String>> byValue(List<Dataset.Incident> incidents,
            Function<Dataset.Incident, String> value, List<String> known) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String v : known) {
            rows.put(v, List.of(count(incidents, i -> v.equals(value.apply(i)))));
        }
        incidents.stream().map(value).filter(Objects::nonNull).filter(v -> !known.contains(v)).distinct().sorted()
                .forEach(v -> rows.put(v, List.of(count(incidents, i -> v.equals(value.apply(i))))));
        return rows;
    }

    /** Count, median and 90th percentile (linear interpolation between closest ranks) of a time since opening. */
    private static List<String> times(List<Dataset.Incident> incidents, Function<Dataset.Incident, Instant> at) {
        List<Long> seconds = new ArrayList<>(incidents.stream().filter(i -> at.apply(i) != null)
                .map(i -> Duration.between(i.openedAt(), at.apply(i)).toSeconds()).sorted().toList());
        int n = seconds.size();
        if (n == 0) {
            return List.of("0", "none", "none");
        }
        if (n < 5) {
            return List.of(SMALL, WITHHELD, WITHHELD);
        }
        return List.of(count(n), minutes(percentile(seconds, 0.5)), minutes(percentile(seconds, 0.9)));
    }

    static double percentile(List<Long> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    private static String minutes(double seconds) {
        long minutes = Math.round(seconds / 60);
        return minutes < 60 ? minutes + " min" : String.format("%d h %02d min", minutes / 60, minutes % 60);
    }

    /** Seconds each silent appliance of these schools was silent inside [from, to). */
    static long silentSeconds(Dataset data, Collection<String> schools, LocalDate from, LocalDate to,
            Collection<String> roles) {
        Instant since = from.atStartOfDay(Dataset.LONDON).toInstant();
        Instant until = to.atStartOfDay(Dataset.LONDON).toInstant();
        long total = 0;
        for (Dataset.Incident incident : data.incidents) {
            if (!schools.contains(incident.school()) || !"monitoring-failure".equals(incident.category())
                    || !incident.visibleTo(roles)) {
                continue;
            }
            Instant resumed = incident.sourceResumedAt() == null ? until : incident.sourceResumedAt();
            Instant start = incident.firstSeenAt().isAfter(since) ? incident.firstSeenAt() : since;
            Instant end = resumed.isBefore(until) ? resumed : until;
            if (end.isAfter(start)) {
                total += Duration.between(start, end).toSeconds();
            }
        }
        return total;
    }

    private static String hours(long seconds) {
        return java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(3600), 1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static List<String> trend(long now, long before) {
        String change = now > 0 && now < 5 || before > 0 && before < 5 ? WITHHELD
                : now - before > 0 ? "+" + (now - before) : Long.toString(now - before);
        return List.of(count(now), count(before), change);
    }

    private static String count(List<Dataset.Incident> incidents, Predicate<Dataset.Incident> which) {
        return count(incidents.stream().filter(which).count());
    }

    static String count(long n) {
        return n == 0 ? "0" : n < 5 ? SMALL : Long.toString(n);
    }
}
