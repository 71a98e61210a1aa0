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
 * row label → the row's other cells, as written for people (1 to 4 as "fewer than 5", and so on). Where the
 * counts of a table add up to a figure shown elsewhere and exactly one of them is from 1 to 4, the smallest of
 * those of 5 or more is withheld as well.
 */
final class Expected {

    static final String SMALL = "fewer than 5";
    static final String WITHHELD = "not shown (fewer than 5)";
    static final String PROTECTS = "not shown (protects a small count)";

    private Expected() {
    }

    static Map<String, Map<String, List<String>>> report(Dataset data, Collection<String> schools, LocalDate from,
            LocalDate to, LocalDate previousFrom, LocalDate previousTo, Collection<String> roles, boolean trustWide) {
        List<Dataset.Incident> now = data.opened(schools, from, to, roles);
        List<Dataset.Incident> before = data.opened(schools, previousFrom, previousTo, roles);
        Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();

        Map<String, List<String>> summary = new LinkedHashMap<>();
        summary.put("Incidents opened", List.of(count(now.size())));
        List<String> states = added(List.of(now.stream().filter(i -> "closed".equals(i.status())).count(),
                now.stream().filter(i -> !"closed".equals(i.status())).count()));
        summary.put("Closed", List.of(states.get(0)));
        summary.put("Still open", List.of(states.get(1)));
        Map<String, List<String>> outcomes = byValue(now, Dataset.Incident::outcome, Dataset.OUTCOMES);
        summary.put("False positives", outcomes.get("false-positive"));
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
        List<String> severities = List.of("critical", "high", "medium", "low");
        Map<String, List<String>> bySeverity = byValue(now, Dataset.Incident::severity, severities);
        tables.put("by-severity", bySeverity);
        tables.put("outcomes", outcomes);
        Map<String, Long> referralCounts = new LinkedHashMap<>();
        for (String agency : Dataset.AGENCIES) {
            long n = now.stream().flatMap(i -> i.referrals().stream()).filter(agency::equals).count();
            if (n > 0 || !"mash".equals(agency)) {
                referralCounts.put(agency, n);
            }
        }
        tables.put("referrals", rows(referralCounts));
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
        trend.put("Incidents opened", trend(now.size(), count(now.size()), before.size(), count(before.size())));
        Map<String, List<String>> severitiesBefore = byValue(before, Dataset.Incident::severity, severities);
        for (String severity : severities) {
            trend.put("Severity " + severity, trend(count(now, severity), bySeverity.get(severity).get(0),
                    count(before, severity), severitiesBefore.get(severity).get(0)));
        }
        long referralsNow = now.stream().mapToLong(i -> i.referrals().size()).sum();
        long referralsBefore = before.stream().mapToLong(i -> i.referrals().size()).sum();
        trend.put("Referrals", trend(referralsNow, count(referralsNow), referralsBefore, count(referralsBefore)));
        long falseNow = now.stream().filter(i -> "false-positive".equals(i.outcome())).count();
        long falseBefore = before.stream().filter(i -> "false-positive".equals(i.outcome())).count();
        trend.put("False positives", trend(falseNow, outcomes.get("false-positive").get(0), falseBefore,
                count(falseBefore)));
        tables.put("trend", trend);

        if (trustWide) {
            // Per school: incidents, critical, high, referrals, false positives, closed, still open.
            List<long[]> figures = new ArrayList<>();
            for (String school : schools) {
                List<Dataset.Incident> its = now.stream().filter(i -> i.school().equals(school)).toList();
                figures.add(new long[] {its.size(), count(its, "critical"), count(its, "high"),
                        its.stream().mapToLong(i -> i.referrals().size()).sum(),
                        its.stream().filter(i -> "false-positive".equals(i.outcome())).count(),
                        its.stream().filter(i -> "closed".equals(i.status())).count(),
                        its.stream().filter(i -> !"closed".equals(i.status())).count()});
            }
            String[][] cells = new String[schools.size()][7];
            for (int c = 0; c < 7; c++) {
                List<Long> column = new ArrayList<>();
                for (long[] school : figures) {
                    column.add(school[c]);
                }
                List<String> texts = added(column);
                for (int s = 0; s < cells.length; s++) {
                    cells[s][c] = texts.get(s);
                }
            }
            Map<String, List<String>> bySchool = new LinkedHashMap<>();
            int s = 0;
            for (String school : schools) {
                // A school's closed and still open incidents add up to its incidents.
                List<String> open = added(List.of(figures.get(s)[5], figures.get(s)[6]));
                for (int c = 5; c < 7; c++) {
                    if (PROTECTS.equals(open.get(c - 5))) {
                        cells[s][c] = PROTECTS;
                    }
                }
                List<String> row = new ArrayList<>(List.of(cells[s]));
                row.add(hours(silentSeconds(data, List.of(school), from, to, roles)));
                bySchool.put(school, row);
                s++;
            }
            tables.put("by-school", bySchool);
        }
        return tables;
    }

    private static long count(List<Dataset.Incident> incidents, String severity) {
        return incidents.stream().filter(i -> severity.equals(i.severity())).count();
    }

    /** Incidents per value, which add up to a figure shown elsewhere. */
    private static Map<String, List<String>> byValue(List<Dataset.Incident> incidents,
            Function<Dataset.Incident, String> value, List<String> known) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String v : known) {
            counts.put(v, incidents.stream().filter(i -> v.equals(value.apply(i))).count());
        }
        incidents.stream().map(value).filter(Objects::nonNull).filter(v -> !known.contains(v)).distinct().sorted()
                .forEach(v -> counts.put(v, incidents.stream().filter(i -> v.equals(value.apply(i))).count()));
        return rows(counts);
    }

    /** Rows of counts that add up to a figure shown elsewhere. */
    private static Map<String, List<String>> rows(Map<String, Long> counts) {
        List<String> texts = added(new ArrayList<>(counts.values()));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        int i = 0;
        for (String label : counts.keySet()) {
            rows.put(label, List.of(texts.get(i++)));
        }
        return rows;
    }

    /**
     * Counts that add up to a total shown elsewhere, as written: when exactly one is from 1 to 4, the first of
     * the smallest of 5 or more is withheld, so that the small one is not the total minus the others.
     */
    static List<String> added(List<Long> counts) {
        List<String> texts = new ArrayList<>();
        counts.forEach(n -> texts.add(count(n)));
        if (counts.stream().filter(n -> n > 0 && n < 5).count() != 1) {
            return texts;
        }
        long smallest = counts.stream().filter(n -> n >= 5).min(Long::compare).orElse(0L);
        if (smallest > 0) {
            texts.set(counts.indexOf(smallest), PROTECTS);
        }
        return texts;
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

    private static List<String> trend(long now, String nowText, long before, String beforeText) {
        String change = now > 0 && now < 5 || before > 0 && before < 5 ? WITHHELD
                : PROTECTS.equals(nowText) || PROTECTS.equals(beforeText) ? PROTECTS
                : now - before > 0 ? "+" + (now - before) : Long.toString(now - before);
        return List.of(nowText, beforeText, change);
    }

    private static String count(List<Dataset.Incident> incidents, Predicate<Dataset.Incident> which) {
        return count(incidents.stream().filter(which).count());
    }

    static String count(long n) {
        return n == 0 ? "0" : n < 5 ? SMALL : Long.toString(n);
    }
}
