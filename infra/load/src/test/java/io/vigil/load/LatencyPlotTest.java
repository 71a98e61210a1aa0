package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyPlotTest {

    private static NotificationReport.Timeline at(double seconds, long totalMillis) {
        return new NotificationReport.Timeline((long) (seconds * 1e6), totalMillis * 1_000, 0, 0);
    }

    @Test
    void incidentsAreSlicedByWhenTheirFirstAlertWasAccepted() {
        List<LatencyPlot.Slice> slices = LatencyPlot.slices(List.of(at(1, 100), at(2, 300), at(15, 50), at(9.99, 200)),
                10);

        assertThat(slices).hasSize(2);
        assertThat(slices.get(0).atSeconds()).isZero();
        assertThat(slices.get(0).incidents()).isEqualTo(3);
        assertThat(slices.get(0).p50Millis()).isEqualTo(200);
        assertThat(slices.get(0).p99Millis()).isEqualTo(300);
        assertThat(slices.get(1).atSeconds()).isEqualTo(10);
        assertThat(slices.get(1).p50Millis()).isEqualTo(50);
    }

    @Test
    void axesEndAtARoundNumber() {
        assertThat(LatencyPlot.niceCeiling(730)).isEqualTo(1_000);
        assertThat(LatencyPlot.niceCeiling(1_000)).isEqualTo(1_000);
        assertThat(LatencyPlot.niceCeiling(1_100)).isEqualTo(2_000);
        assertThat(LatencyPlot.niceCeiling(3.2)).isEqualTo(5);
        assertThat(LatencyPlot.niceCeiling(0)).isEqualTo(1);
    }

    @Test
    void theTimeAxisEndsOnAWholeTick() {
        assertThat(LatencyPlot.tickStep(50.8)).isEqualTo(10);
        assertThat(LatencyPlot.axisSeconds(50.8)).isEqualTo(60);
        assertThat(LatencyPlot.tickStep(620)).isEqualTo(120);
        assertThat(LatencyPlot.axisSeconds(620)).isEqualTo(720);
        assertThat(LatencyPlot.axisSeconds(2)).isEqualTo(5);
    }

    @Test
    void pointsAreScaledIntoTheirPanel() {
        int bottom = LatencyPlot.TOP + LatencyPlot.PANEL;
        int right = LatencyPlot.WIDTH - LatencyPlot.RIGHT;
        assertThat(LatencyPlot.point(0, 0, 600, LatencyPlot.TOP, 1_000))
                .isEqualTo(LatencyPlot.LEFT + ".0," + bottom + ".0");
        assertThat(LatencyPlot.point(600, 1_000, 600, LatencyPlot.TOP, 1_000))
                .isEqualTo(right + ".0," + LatencyPlot.TOP + ".0");
        // Beyond the axis stays on its edge.
        assertThat(LatencyPlot.point(900, 5_000, 600, LatencyPlot.TOP, 1_000))
                .isEqualTo(right + ".0," + LatencyPlot.TOP + ".0");
    }

    @Test
    void theChartHasBothPanelsTheirSeriesAndTheTarget() {
        String svg = LatencyPlot.svg("Vigil <test>", List.of(new LatencyPlot.Slice(0, 10, 200, 600),
                new LatencyPlot.Slice(10, 10, 250, 700)), List.of(new LatencyPlot.Sample(0, 5, 1, 300, 400, 350),
                new LatencyPlot.Sample(5, 900, 20, 310, 420, 360)), 20, 1_000);

        assertThat(svg).startsWith("<svg ").endsWith("</svg>\n");
        assertThat(svg).contains("Vigil &lt;test&gt;").contains("target p99 1,000 ms");
        assertThat(svg.split("<polyline", -1)).hasSize(5);
        // The latency axis reaches past the target (1,100 → 2,000, in quarters); the lag axis is scaled to the
        // largest lag seen (990 → 1,000, in quarters).
        assertThat(svg).contains(">1,500</text>").contains(">750</text>");
    }
}
