package io.vigil.reporting.report;

import io.vigil.reporting.register.RegisterEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's aggregates, computed by PostgreSQL over the incident register (group by, percentiles), never by
 * loading rows. Every figure is about the incidents opened in the period, whatever happened to them later
 * (their referrals, outcome and parent-contact decision), except silent time, which is the part of each
 * filtering or monitoring failure that fell inside the period. A concern about a member of staff counts only
 * for the roles it was routed to, as in the register.
 */
@ApplicationScoped
class ReportQueries {

    /** The key of the trust-wide figures in {@link #figures}'s answer. */
    static final String TRUST = "";

    /** The incidents of the schools opened in the period that the caller's roles may count. */
    private static final String IN_PERIOD = " where r.trust_id = :trustId and r.school_id in (:schoolIds)"
            + " and r.opened_at >= :from and r.opened_at < :to and %1$s";

    /** The dimensions counted, in the order of {@link #COUNTS}'s columns after the school. */
    private static final List<String> DIMENSIONS = List.of(Figures.CATEGORY, Figures.SEVERITY, Figures.STATE,
            Figures.OUTCOME, Figures.PARENT_CONTACT, Figures.WITHHELD_REASON, Figures.SILENCED, Figures.FOUR_CS);
    private static final List<String> DIMENSION_SQL = List.of("r.category", "r.severity",
            "case when r.status = 'closed' then 'closed' else 'open' end", "r.outcome", "r.parent_contact",
            "case when r.parent_contact = 'withheld' then coalesce(r.parent_contact_reason, 'not-recorded') end",
            "case when r.silenced then 'silenced' end", "nullif(r.four_cs, '')");
    /**
     * Incidents per school, and per school and each dimension, in one pass ({@code grouping sets}); the
     * {@code grouping(...)} mask says which dimension a row counts (all ones: the school's total). A row of the
     * 4Cs counts a combination such as {@code content,conduct}, added to each of its Cs.
     */
    private static final String COUNTS = "select r.school_id, " + String.join(", ", DIMENSION_SQL)
            + ", grouping(" + String.join(", ", DIMENSION_SQL) + "), count(*) from incident_register r" + IN_PERIOD
            + " group by grouping sets ((r.school_id), " + String.join(", ", DIMENSION_SQL.stream()
                    .map(d -> "(r.school_id, " + d + ")").toList()) + ")";

    private static final String REFERRALS = "select r.school_id, f.agency, count(*)"
            + " from register_referral f join incident_register r on r.incident_id = f.incident_id"
            + IN_PERIOD + " group by r.school_id, f.agency";

    private static final String ACK = "extract(epoch from r.acknowledged_at - r.opened_at)";
    private static final String CLOSE = "extract(epoch from r.closed_at - r.opened_at)";
    /** Per school and, in the row whose school is null, for all of them together. */
    private static final String TIMES = "select r.school_id,"
            + " count(r.acknowledged_at), percentile_cont(0.5) within group (order by " + ACK + "),"
            + " percentile_cont(0.9) within group (order by " + ACK + "),"
            + " count(r.closed_at), percentile_cont(0.5) within group (order by " + CLOSE + "),"
            + " percentile_cont(0.9) within group (order by " + CLOSE + ")"
            + " from incident_register r" + IN_PERIOD + " group by grouping sets ((r.school_id), ())";

    /** Seconds of each monitoring failure inside [from, until): from first seen to resumed, or until. */
    private static final String SILENT = "select r.school_id, sum(extract(epoch from"
            + " least(coalesce(r.source_resumed_at, :until), :until) - greatest(r.first_seen_at, :from)))"
            + " from incident_register r where r.trust_id = :trustId and r.school_id in (:schoolIds)"
            + " and r.category = 'monitoring-failure' and r.first_seen_at < :until"
            + " and (r.source_resumed_at is null or r.source_resumed_at > :from) and %1$s group by r.school_id";

    @Inject
    EntityManager entityManager;

    /**
     * The figures of each school and, under {@link #TRUST}, of all of them, for incidents opened in [from, to);
     * silent time counted up to {@code until} (the period's end, or now if sooner). Response times only when
     * {@code withTimes} (the previous period's trend needs counts alone).
     */
    Map<String, Figures> figures(String trustId, Collection<String> schoolIds, Collection<String> roles,
            Instant from, Instant to, Instant until, boolean withTimes) {
        Map<String, Figures> bySchool = new LinkedHashMap<>();
        schoolIds.forEach(school -> bySchool.put(school, new Figures()));
        Map<String, Object> parameters = new HashMap<>(Map.of("trustId", trustId, "schoolIds", schoolIds,
                "from", from, "to", to));
        String visible = RegisterEntry.visibleToSql("r", roles, parameters);

        int everyDimension = (1 << DIMENSIONS.size()) - 1;
        for (Object[] row : rows(COUNTS.formatted(visible), parameters)) {
            Figures figures = bySchool.get((String) row[0]);
            int mask = ((Number) row[DIMENSIONS.size() + 1]).intValue();
            long count = ((Number) row[DIMENSIONS.size() + 2]).longValue();
            if (mask == everyDimension) {
                figures.add(Figures.ALL, Figures.ALL, count);
                continue;
            }
            // grouping(a, b, …) has a bit per argument, the first the highest, set when it is not grouped.
            int dimension = DIMENSIONS.size() - 1 - Integer.numberOfTrailingZeros(~mask & everyDimension);
            String value = (String) row[dimension + 1];
            if (value == null) {
                continue;
            }
            if (Figures.FOUR_CS.equals(DIMENSIONS.get(dimension))) {
                for (String c : value.split(",")) {
                    figures.add(Figures.FOUR_CS, c, count);
                }
            } else {
                figures.add(DIMENSIONS.get(dimension), value, count);
            }
        }
        for (Object[] row : rows(REFERRALS.formatted(visible), parameters)) {
            bySchool.get((String) row[0]).add(Figures.REFERRAL, (String) row[1], ((Number) row[2]).longValue());
        }
        Figures trust = new Figures();
        Map<String, Object> silentParameters = new HashMap<>(parameters);
        silentParameters.remove("to");
        silentParameters.put("until", until);
        for (Object[] row : rows(SILENT.formatted(visible), silentParameters)) {
            bySchool.get((String) row[0]).silentSeconds(row[1] == null ? BigDecimal.ZERO : decimal(row[1]));
        }
        bySchool.values().forEach(trust::addCounts);
        if (withTimes) {
            for (Object[] row : rows(TIMES.formatted(visible), parameters)) {
                Figures figures = row[0] == null ? trust : bySchool.get((String) row[0]);
                figures.times(durations(row, 1), durations(row, 4));
            }
        }
        Map<String, Figures> all = new LinkedHashMap<>();
        all.put(TRUST, trust);
        all.putAll(bySchool);
        return all;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Map<String, Object> parameters) {
        Query query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    private static Figures.Durations durations(Object[] row, int first) {
        long measured = ((Number) row[first]).longValue();
        return measured == 0 ? Figures.Durations.NONE : new Figures.Durations(measured,
                ((Number) row[first + 1]).doubleValue(), ((Number) row[first + 2]).doubleValue());
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }
}
