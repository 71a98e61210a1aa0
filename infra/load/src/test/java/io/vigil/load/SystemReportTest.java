package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemReportTest {

    private static final SystemReport.Context CONTEXT = new SystemReport.Context("infra/load/run.sh system",
            "2026-11-25", "2 cores", 1.0, 2.0, 20_000, 1_000, 4, 10, 3, 1_000, 60, 120, 64,
            "docs/performance-system-latency.svg");

    /** A burst whose alerts took {@code aloneSeconds} with the rest held still, four times as long with it working. */
    private static SystemReport.Burst burst(int rep, double aloneSeconds, double notifySeconds, double rawSeconds) {
        return new SystemReport.Burst(rep, 20_000, 20_000, 4 * aloneSeconds, 2_000, 2_000, 0, notifySeconds,
                Double.NaN, 0, Double.NaN).withRaw(rawSeconds).withAlone(20_000, aloneSeconds);
    }

    private static AlertmanagerBaseline.Result alertmanager(double notifySeconds) {
        return new AlertmanagerBaseline.Result("m", 20_000, 2_000, 20_000, 1.0, notifySeconds, 2_000, 20_000, Map.of());
    }

    private static SystemReport.LongRun longRun(long missing, long accepted) {
        List<NotificationReport.Timeline> timelines = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            timelines.add(new NotificationReport.Timeline(ms * 1_000_000L, ms * 1_000L, 0, 0));
        }
        PacedIncidents.Timed timed = new PacedIncidents.Timed(timelines, missing, 100 + missing, 100 + missing, 0);
        return new SystemReport.LongRun(60_000, accepted, Map.of(), 60, timed, LatencyPlot.slices(timelines, 10),
                List.of(new LatencyPlot.Sample(0, 10, 2, 300, 400, 350), new LatencyPlot.Sample(5, 700, 20, 320, 450, 360)));
    }

    @Test
    void ratiosAreEachRepetitionOverItsOwnBaselineAndTheMedianDecides() {
        SystemReport report = new SystemReport(CONTEXT,
                List.of(burst(1, 1.0, 10, 0.5), burst(2, 2.0, 5, 0.5), burst(3, 0.8, 4, 0.5)),
                List.of(alertmanager(5), alertmanager(5), alertmanager(8)), longRun(0, 60_000));

        assertThat(report.ingestRatios()).as("on the raw producer's terms").containsExactly(0.5, 0.25, 0.625);
        assertThat(report.sharedIngestRatios()).as("while the pipeline works").containsExactly(0.125, 0.0625, 0.15625);
        assertThat(report.alertmanagerRatios()).containsExactly(0.5, 1.0, 2.0);
        assertThat(report.ingestMet()).isTrue();
        assertThat(report.alertmanagerMet()).isTrue();
        assertThat(report.rateReached()).isTrue();
        assertThat(report.latencyMet()).isTrue();
        String markdown = report.markdown();
        assertThat(markdown).contains("| durable ingest ≥ 0.5 × raw Kafka producer (triage and notification held still,"
                + " as they are idle for the producer) | 0.50 × (0.25–0.63) | **yes** |");
        assertThat(markdown).contains("on the same cores (not a target) | 0.13 × (0.06–0.16) | – |");
        assertThat(markdown).contains("| 1 | 40,000 | 20,000 | 0.50 | 5,000 | 0.13 | 2,000 (10.0 s) |");
        assertThat(markdown).contains("| ingest → notify ≥ Alertmanager's rate | 1.00 × (0.50–2.00) | **yes** |");
        assertThat(markdown).contains("p50 / p99 / max | 50 / 99 / 100 ms");
        assertThat(markdown).contains("| consumer lag, most / at the end: triage (alerts) | 700 / 700 |");
        assertThat(markdown).contains("(performance-system-latency.svg)");
    }

    @Test
    void aSlowerVigilAMissedRateOrAnIncidentWithoutItsEmailIsReportedAsMissed() {
        SystemReport report = new SystemReport(CONTEXT, List.of(burst(1, 4.0, 10, 0.5)), List.of(alertmanager(5)),
                longRun(1, 58_000));

        assertThat(report.ingestMet()).isFalse();
        assertThat(report.alertmanagerMet()).isFalse();
        assertThat(report.rateReached()).isFalse();
        assertThat(report.latencyMet()).as("an incident without its e-mail").isFalse();
        assertThat(report.markdown()).contains("(1 incident(s) without an e-mail) | **no** |");
    }
}
