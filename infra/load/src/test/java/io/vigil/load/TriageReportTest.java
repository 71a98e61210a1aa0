package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TriageReportTest {

    private static final TriageReport.Context CONTEXT = new TriageReport.Context("infra/load/run.sh triage",
            "2026-11-24", "2 cores", 1_000, 500, 3, "a mix", 100, 4, 900);

    private static TriageReport.Correlation rep(int n, double rawSeconds, double triageSeconds, long incidents) {
        return new TriageReport.Correlation(n, 1_000, rawSeconds, triageSeconds, triageSeconds + 3, 0.5, 2, 1, 400,
                incidents, 1_000, 1_000);
    }

    /** Latencies of 1…100 ms. */
    private static TriageReport.CaseChangesAt at(long size, long scale) {
        long[] latencies = LongStream.rangeClosed(1, 100).map(ms -> ms * scale * 1_000_000L).toArray();
        return new TriageReport.CaseChangesAt(size, 1, 100, 2, latencies, Map.of());
    }

    @Test
    void theRatioIsTheMedianOfEachRepetitionsTriageRateOverItsRawRate() {
        TriageReport report = new TriageReport(CONTEXT, List.of(rep(1, 1, 4, 400), rep(2, 1, 2, 400),
                rep(3, 2, 2, 400)), List.of());
        assertThat(report.ratios()).containsExactly(0.25, 0.5, 1.0);
        assertThat(report.ratioMet()).isTrue();
        assertThat(report.allRight()).isTrue();
        assertThat(report.markdown()).contains("0.500 (0.250–1.000)").contains("| **yes** |")
                // 0.5 s of raw consumer CPU for 1,000 alerts; triage 2 s and PostgreSQL 1 s: 6 times as much.
                .contains("| 1 | 500 | 2,000 | 1,000 | 6.0 |");
    }

    @Test
    void aWrongIncidentCountIsShown() {
        TriageReport report = new TriageReport(CONTEXT, List.of(rep(1, 1, 4, 399)), List.of());
        assertThat(report.allRight()).isFalse();
        assertThat(report.ratioMet()).isFalse();
        assertThat(report.markdown()).contains("400 / 399").contains("**NO**");
    }

    @Test
    void statusChangeTargetsArePerSizeP99AndItsGrowth() {
        // p99 of 1…100 ms is 99 ms: too slow; a scale of 1/3 is not expressible, so compare growth.
        TriageReport flat = new TriageReport(CONTEXT, List.of(), List.of(at(10_000, 1), at(1_000_000, 1)));
        assertThat(flat.p99Growth()).isEqualTo(1.0);
        assertThat(flat.flatMet()).isTrue();
        assertThat(flat.p99Met()).isFalse();
        TriageReport growing = new TriageReport(CONTEXT, List.of(), List.of(at(10_000, 1), at(100_000, 2),
                at(1_000_000, 3)));
        assertThat(growing.p99Growth()).isEqualTo(3.0);
        assertThat(growing.flatMet()).isFalse();
        assertThat(growing.markdown()).contains("| 1,000,000 |").contains("99.0 ms, 198.0 ms, 297.0 ms")
                .contains("3.00 ×");
    }

    @Test
    void smallLatenciesMeetBothTargets() {
        long[] latencies = LongStream.rangeClosed(1, 100).map(i -> i * 100_000L).toArray(); // 0.1…10 ms
        TriageReport.CaseChangesAt small = new TriageReport.CaseChangesAt(10_000, 1, 100, 1, latencies, Map.of());
        TriageReport report = new TriageReport(CONTEXT, List.of(), List.of(small, small));
        assertThat(report.p99Met()).isTrue();
        assertThat(report.flatMet()).isTrue();
        assertThat(small.millis(99)).isEqualTo(9.9);
        assertThat(small.maxMillis()).isEqualTo(10.0);
    }
}
