package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBenchReportTest {

    private static final ReportBenchReport.Context CONTEXT = new ReportBenchReport.Context("infra/load/run.sh report",
            "2026-11-24", "2 cores", 100, 100_000, 40_000, 12.5, 5);

    @Test
    void theRatioIsEachRepetitionsReportOverItsSqlAggregate() {
        ReportBenchReport report = new ReportBenchReport(CONTEXT, List.of(
                new ReportBenchReport.Repetition(1, 0.1, 0.5, 0.7),
                new ReportBenchReport.Repetition(2, 0.2, 0.6, 0.9),
                new ReportBenchReport.Repetition(3, 0.1, 0.8, 1.1)));
        assertThat(report.ratios()).containsExactly(new double[] {5.0, 3.0, 8.0}, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.slowest()).isEqualTo(1.1);
        assertThat(report.met()).isTrue();
        assertThat(report.markdown()).contains("| 600 | 500–800 | 5.0 (3.0–8.0) |")
                .contains("| 100 | 100–200 | 1.00 (baseline) |").contains("slowest 1.10 s | **yes** |")
                .contains("100,000 incidents in 2023-24");
    }

    @Test
    void aSlowPdfMissesTheTarget() {
        ReportBenchReport report = new ReportBenchReport(CONTEXT, List.of(
                new ReportBenchReport.Repetition(1, 0.1, 0.5, 2.5)));
        assertThat(report.met()).isFalse();
        assertThat(report.markdown()).contains("slowest 2.50 s | **no** |");
    }

    @Test
    void aRunWithoutRepetitionsHasNoFigures() {
        assertThatThrownBy(() -> new ReportBenchReport(CONTEXT, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
