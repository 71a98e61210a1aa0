package io.vigil.reporting.kpi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The KPIs, computed by PostgreSQL over the register and the notification outcomes (never by loading rows):
 * time to acknowledge and to close (median and 90th percentile with {@code percentile_cont}), the
 * false-positive rate and the notification failure rate, each grouped as the caller asks. The REST
 * answer ({@link KpiResource}) and the Prometheus gauges ({@link KpiMetrics}) run these same queries.
 *
 * <p>Every incident counts, restricted and silenced ones too: the figures name nobody. An incident
 * counts in the period it opened in; a notification in the period it was settled (delivered or failed).
 */
@ApplicationScoped
public class Kpis {

    /** What the rows of one query are for, and what they are not. */
    public record Scope(String trustId, Collection<String> schoolIds, Instant from, Instant to) {

        /** Every trust and school: what the Prometheus gauges show. */
        public static Scope everywhere(Instant from, Instant to) {
            return new Scope(null, null, from, to);
        }
    }

    /**
     * A way of grouping incidents, as columns of {@code incident_register} (fixed names, never caller input).
     */
    public enum Grouping {
        SCHOOL("trust_id", "school_id"),
        CATEGORY("category"),
        SEVERITY("severity"),
        APPLIANCE("trust_id", "school_id", "source_id"),
        SCHOOL_CATEGORY("trust_id", "school_id", "category");

        final List<String> columns;

        Grouping(String... columns) {
            this.columns = List.of(columns);
        }
    }

    /** Median and 90th percentile of a duration in seconds over {@code count} incidents; null without any. */
    public record Timing(long count, Double medianSeconds, Double p90Seconds) {
    }

    /** One group's times to acknowledge and to close; its key holds the group's columns. */
    public record Timings(Grouping grouping, Map<String, String> key, Timing acknowledge, Timing close) {
    }

    /** {@code matching} out of {@code total} in one group: false positives of closed incidents, failures of settled notifications. */
    public record Rate(Grouping grouping, Map<String, String> key, long total, long matching) {

        /** matching ÷ total; null when there is nothing to divide by. */
        public Double ratio() {
            return total == 0 ? null : (double) matching / total;
        }
    }

    @Inject
    EntityManager entityManager;

    /** Time to acknowledge and time to close of the incidents opened in the scope's period, per grouping. */
    public List<Timings> timings(Scope scope, List<Grouping> groupings) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = "select " + groupColumns(groupings) + ", "
                + "count(acknowledged_at), "
                + percentiles("acknowledged_at") + ", "
                + "count(closed_at), "
                + percentiles("closed_at")
                + " from incident_register where " + incidents(scope, parameters)
                + groupBy(groupings);
        List<Timings> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            Keyed keyed = keyed(row, groupings);
            int i = keyed.next();
            result.add(new Timings(keyed.grouping(), keyed.key(), timing(row, i), timing(row, i + 3)));
        }
        return result;
    }

    /** Closed incidents opened in the scope's period, and how many of them were closed as false positives. */
    public List<Rate> falsePositives(Scope scope, List<Grouping> groupings) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = "select " + groupColumns(groupings) + ", count(*), "
                + "count(*) filter (where outcome = 'false-positive')"
                + " from incident_register where " + incidents(scope, parameters) + " and closed_at is not null"
                + groupBy(groupings);
        List<Rate> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            Keyed keyed = keyed(row, groupings);
            result.add(new Rate(keyed.grouping(), keyed.key(), number(row[keyed.next()]),
                    number(row[keyed.next() + 1])));
        }
        return result;
    }

    /** Notifications settled in the scope's period, per school and channel, and how many of them failed. */
    public List<Rate> notificationFailures(Scope scope) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = "select trust_id, school_id, channel, count(*), count(*) filter (where state = 'failed')"
                + " from notification_outcome where " + tenancy(scope, parameters)
                + " and state in ('delivered', 'failed') and settled_at >= :from and settled_at < :to"
                + " group by trust_id, school_id, channel order by trust_id, school_id, channel";
        List<Rate> result = new ArrayList<>();
        for (Object[] row : rows(sql, parameters)) {
            Map<String, String> key = new LinkedHashMap<>();
            key.put("trust_id", (String) row[0]);
            key.put("school_id", (String) row[1]);
            key.put("channel", (String) row[2]);
            result.add(new Rate(null, key, number(row[3]), number(row[4])));
        }
        return result;
    }

    private static String percentiles(String milestone) {
        String seconds = "extract(epoch from (" + milestone + " - opened_at))::float8";
        return "percentile_cont(0.5) within group (order by " + seconds + "), "
                + "percentile_cont(0.9) within group (order by " + seconds + ")";
    }

    private static String incidents(Scope scope, Map<String, Object> parameters) {
        return tenancy(scope, parameters) + " and opened_at >= :from and opened_at < :to";
    }

    private static String tenancy(Scope scope, Map<String, Object> parameters) {
        parameters.put("from", scope.from());
        parameters.put("to", scope.to());
        StringBuilder condition = new StringBuilder("true");
        if (scope.trustId() != null) {
            condition.append(" and trust_id = :trustId");
            parameters.put("trustId", scope.trustId());
        }
        if (scope.schoolIds() != null) {
            condition.append(" and school_id in (:schoolIds)");
            parameters.put("schoolIds", List.copyOf(scope.schoolIds()));
        }
        return condition.toString();
    }

    /** Every column the groupings use, once, in a fixed order, then the bitmask saying which group a row is. */
    private static String groupColumns(List<Grouping> groupings) {
        List<String> columns = columns(groupings);
        return String.join(", ", columns) + ", grouping(" + String.join(", ", columns) + ")";
    }

    private static String groupBy(List<Grouping> groupings) {
        return " group by grouping sets (" + groupings.stream().map(g -> "(" + String.join(", ", g.columns) + ")")
                .collect(Collectors.joining(", ")) + ") order by " + String.join(", ", columns(groupings));
    }

    private static List<String> columns(List<Grouping> groupings) {
        List<String> columns = new ArrayList<>();
        groupings.forEach(g -> g.columns.stream().filter(c -> !columns.contains(c)).forEach(columns::add));
        return columns;
    }

    /** A row's grouping (from the {@code grouping(...)} bitmask: a bit set for each column not grouped by). */
    private record Keyed(Grouping grouping, Map<String, String> key, int next) {
    }

    private static Keyed keyed(Object[] row, List<Grouping> groupings) {
        List<String> columns = columns(groupings);
        int mask = (int) number(row[columns.size()]);
        for (Grouping grouping : groupings) {
            int expected = 0;
            for (int i = 0; i < columns.size(); i++) {
                if (!grouping.columns.contains(columns.get(i))) {
                    expected |= 1 << (columns.size() - 1 - i);
                }
            }
            if (expected == mask) {
                Map<String, String> key = new LinkedHashMap<>();
                for (String column : grouping.columns) {
                    key.put(column, (String) row[columns.indexOf(column)]);
                }
                return new Keyed(grouping, key, columns.size() + 1);
            }
        }
        throw new IllegalStateException("a KPI row of no grouping asked for: mask " + mask);
    }

    private static Timing timing(Object[] row, int at) {
        return new Timing(number(row[at]), decimal(row[at + 1]), decimal(row[at + 2]));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> parameters) {
        Query query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
