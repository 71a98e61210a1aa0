package io.vigil.reporting.report;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counted figures of one school, or of a whole trust, for one period, as the database aggregated them.
 * Counts are additive, so a trust's are the sum of its schools'; response times are not, and are aggregated
 * for the trust by the database itself.
 */
final class Figures {

    /** Incidents in total. */
    static final String ALL = "all";
    static final String CATEGORY = "category";
    static final String FOUR_CS = "four-cs";
    static final String SEVERITY = "severity";
    /** {@code closed} or {@code open} (open and acknowledged). */
    static final String STATE = "state";
    static final String OUTCOME = "outcome";
    static final String PARENT_CONTACT = "parent-contact";
    static final String WITHHELD_REASON = "withheld-reason";
    static final String SILENCED = "silenced";
    static final String REFERRAL = "referral";

    private final Map<String, Map<String, Long>> counts = new TreeMap<>();
    private Durations acknowledge = Durations.NONE;
    private Durations close = Durations.NONE;
    private BigDecimal silentSeconds = BigDecimal.ZERO;

    /**
     * Median and 90th percentile of a time in seconds (linear interpolation between the nearest ranks, as
     * PostgreSQL's {@code percentile_cont}) over the incidents that have it.
     */
    record Durations(long measured, Double medianSeconds, Double p90Seconds) {
        static final Durations NONE = new Durations(0, null, null);
    }

    long count(String dimension, String value) {
        return counts.getOrDefault(dimension, Map.of()).getOrDefault(value, 0L);
    }

    long total() {
        return count(ALL, ALL);
    }

    /** The values of a dimension that have a count. */
    Map<String, Long> counts(String dimension) {
        return counts.getOrDefault(dimension, Map.of());
    }

    void add(String dimension, String value, long count) {
        counts.computeIfAbsent(dimension, d -> new TreeMap<>()).merge(value, count, Long::sum);
    }

    /** Adds another school's counts and silent time to these. */
    void addCounts(Figures other) {
        other.counts.forEach((dimension, values) -> values.forEach((value, count) -> add(dimension, value, count)));
        silentSeconds = silentSeconds.add(other.silentSeconds);
    }

    Durations acknowledge() {
        return acknowledge;
    }

    Durations close() {
        return close;
    }

    void times(Durations acknowledge, Durations close) {
        this.acknowledge = acknowledge;
        this.close = close;
    }

    BigDecimal silentSeconds() {
        return silentSeconds;
    }

    void silentSeconds(BigDecimal seconds) {
        silentSeconds = seconds;
    }
}
