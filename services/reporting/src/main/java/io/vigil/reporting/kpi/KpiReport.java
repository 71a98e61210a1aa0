package io.vigil.reporting.kpi;

import java.time.Instant;
import java.util.List;

/**
 * The KPIs of the caller's schools over a period, as {@code GET /api/v1/kpis} answers them. For a governor,
 * every count from 1 to 4 is null with {@code fewerThanFive} set (and so are the figures computed from it),
 * and there are no per-appliance rows.
 *
 * @param from the period's start (inclusive): incidents opened, notifications settled from then
 * @param to the period's end (exclusive)
 * @param schoolIds the schools counted
 * @param smallCountsSuppressed whether counts below {@link KpiResource#SMALLEST_COUNT} are withheld (a governor's view)
 */
public record KpiReport(Instant from, Instant to, List<String> schoolIds, boolean smallCountsSuppressed,
        Timings timeToAcknowledge, Timings timeToClose, FalsePositives falsePositiveRate,
        List<RateFigure> notificationFailureRate) {

    /** Per school, per policy category and per severity. */
    public record Timings(List<TimingFigure> bySchool, List<TimingFigure> byCategory,
            List<TimingFigure> bySeverity) {
    }

    /**
     * How long it took, in seconds, over the incidents of one group that reached the milestone.
     *
     * @param key the school id, category slug or severity
     * @param count incidents that reached the milestone (acknowledged, closed)
     */
    public record TimingFigure(String key, Long count, Double medianSeconds, Double p90Seconds,
            boolean fewerThanFive) {
    }

    /** Per appliance (the source {@code concern} for concerns staff reported) and per policy category. */
    public record FalsePositives(List<RateFigure> byAppliance, List<RateFigure> byCategory) {
    }

    /**
     * {@code matching} ÷ {@code total} in one group: false positives of the closed incidents, or failed of the
     * settled (delivered or failed) notifications.
     *
     * @param schoolId the school, where the group is of one school
     * @param key the appliance id ({@code concern}), category slug or channel
     */
    public record RateFigure(String schoolId, String key, Long total, Long matching, Double ratio,
            boolean fewerThanFive) {
    }
}
