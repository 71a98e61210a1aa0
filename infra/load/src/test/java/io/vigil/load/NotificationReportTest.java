package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class NotificationReportTest {

    private static final NotificationReport.Context CONTEXT = new NotificationReport.Context(
            "infra/load/run.sh notification", "2026-11-24", "2 cores", 1.5, 2.5, 1_000, 3, "south.dsl@demo.vigil.test", 900,
            880, 1_000, 60, 10, 50, 15, 1_000, 2);

    private static final Measurement.CpuUse CPU = new Measurement.CpuUse(Map.of("notification", 2.0), 1, 1, 0.5, 0.9);

    private static NotificationReport.Delivery rep(int n, double rawSeconds, double vigilSeconds, long inMailbox) {
        return new NotificationReport.Delivery(n, 1_000, rawSeconds, 1_000, 1_000, 1_000, 0, inMailbox, vigilSeconds,
                CPU, CPU);
    }

    /**
     * 100 incidents opened over 60 s, with latencies of 10…1,000 ms (scaled by {@code scale}): a fifth in
     * triage, a tenth on the way to notification, the rest sending.
     */
    private static NotificationReport.EndToEnd endToEnd(double rate, long scale, long missing) {
        List<NotificationReport.Timeline> timelines = LongStream.rangeClosed(1, 100).mapToObj(i -> {
            long total = i * 10_000L * scale;
            return new NotificationReport.Timeline((i - 1) * 600_000L, total / 5, total / 10, total - total / 5
                    - total / 10);
        }).toList();
        return new NotificationReport.EndToEnd(60_000, (long) (rate * 60), Map.of(), 60, 100, 100, timelines, missing,
                new long[] {1_000_000, 2_000_000}, new long[] {0, 0}, new Measurement.CpuUse(services(), 6, 12, 3, 0.95),
                120, 30, 1.5);
    }

    private static Map<String, Double> services() {
        Map<String, Double> services = new LinkedHashMap<>();
        services.put("intake", 6.0);
        services.put("triage", 30.0);
        services.put("notification", 12.0);
        return services;
    }

    @Test
    void theRatioIsTheMedianOfEachRepetitionsDeliveryRateOverItsPlainClientRate() {
        NotificationReport report = new NotificationReport(CONTEXT, List.of(rep(1, 1, 4, 1_000), rep(2, 1, 2, 1_000),
                rep(3, 2, 2, 1_000)), null);
        assertThat(report.ratios()).containsExactly(0.25, 0.5, 1.0);
        assertThat(report.ratioMet()).isTrue();
        assertThat(report.allRight()).isTrue();
        assertThat(report.markdown()).contains("0.50 (0.25–1.00)").contains("| **yes** |")
                .contains("with a one-minute load average of 1.5 to 2.5 (sampled every 5 s)")
                .contains("| notification | 2.00 |");
    }

    @Test
    void aMailboxThatDidNotGrowByEveryEmailIsShown() {
        NotificationReport report = new NotificationReport(CONTEXT, List.of(rep(1, 1, 4, 999)), null);
        assertThat(report.allRight()).isFalse();
        assertThat(report.ratioMet()).isFalse();
        assertThat(report.markdown()).contains("1,000 / 1,000 / 999").contains("**NO**");
    }

    @Test
    void endToEndMeetsItsTargetOnlyAtTheRateWithEveryEmailAndP99WithinASecond() {
        NotificationReport met = new NotificationReport(CONTEXT, List.of(), endToEnd(1_000, 1, 0));
        assertThat(met.rateReached()).isTrue();
        assertThat(met.p99Met()).isTrue();
        assertThat(met.markdown()).contains("500 / 990 / 1,000 ms").contains("| 990 ms | **yes** |")
                .contains("at 1,000 a second for 60 s, from 50 keep-alive connections")
                .contains("intake alone took 15 s of single alerts").contains("the three services 15 s of alerts")
                .contains("so 1 alert in 10 opens an incident and the other 9 join it");

        NotificationReport slow = new NotificationReport(CONTEXT, List.of(), endToEnd(1_000, 2, 0));
        assertThat(slow.p99Met()).isFalse();

        NotificationReport belowRate = new NotificationReport(CONTEXT, List.of(), endToEnd(900, 1, 0));
        assertThat(belowRate.rateReached()).isFalse();
        assertThat(belowRate.markdown()).contains("| 1,000 alerts/s sustained | 900 alerts/s | **no** |")
                .contains("| 990 ms | **no** |");

        NotificationReport missing = new NotificationReport(CONTEXT, List.of(), endToEnd(1_000, 1, 3));
        assertThat(missing.p99Met()).isFalse();
        assertThat(missing.markdown()).contains("(3 incidents without an e-mail)");
    }

    @Test
    void windowsSplitTheIncidentsByWhenTheirFirstAlertWasAccepted() {
        NotificationReport report = new NotificationReport(CONTEXT, List.of(), endToEnd(1_000, 1, 0));
        List<NotificationReport.Window> windows = report.windows(6);
        assertThat(windows).hasSize(6);
        assertThat(windows).extracting(NotificationReport.Window::incidents).containsExactly(17, 17, 16, 17, 17, 16);
        assertThat(windows.stream().mapToInt(NotificationReport.Window::incidents).sum()).isEqualTo(100);
        assertThat(windows.get(0).fromSecond()).isZero();
        assertThat(windows.get(5).toSecond()).isEqualTo(60);
        // Latency grows with the incident's number: the last stretch holds the slowest.
        assertThat(windows.get(5).maxMillis()).isEqualTo(1_000);
    }

    @Test
    void theTimeOfEachIncidentIsSplitIntoTriageTheWayToNotificationAndSending() {
        String markdown = new NotificationReport(CONTEXT, List.of(), endToEnd(1_000, 1, 0)).markdown();
        // p99 of 10…1,000 ms is 990 ms: 198 in triage, 99 on the way, 693 sending.
        assertThat(markdown).contains("| first alert accepted → incident opened (intake's Kafka write, triage) | 100 |"
                + " 198 |").contains("notification's consumer) | 50 | 99 |")
                .contains("(notification's sender) | 350 | 693 |")
                .contains("| first alert accepted → e-mail accepted | 500 | 990 |");
    }

    @Test
    void windowsReachTheLastAcceptedAlertWhenTheRunFellBehindItsSchedule() {
        NotificationReport.EndToEnd late = new NotificationReport.EndToEnd(60_000, 60_000, Map.of(), 120, 2, 2,
                List.of(new NotificationReport.Timeline(1_000_000, 10_000, 10_000, 30_000),
                        new NotificationReport.Timeline(119_000_000, 100_000, 100_000, 700_000)),
                0, new long[0], new long[0], CPU, 0, 0, 1);
        List<NotificationReport.Window> windows = new NotificationReport(CONTEXT, List.of(), late).windows(6);
        assertThat(windows.get(5).toSecond()).isEqualTo(119);
        assertThat(windows.get(0).incidents()).isEqualTo(1);
        assertThat(windows.get(5).incidents()).isEqualTo(1);
        assertThat(windows.get(5).p99Millis()).isEqualTo(900);
    }

    @Test
    void anAlertAnsweredJustAfterTheScheduleFallsInItsLastStretch() {
        NotificationReport.EndToEnd justAfter = new NotificationReport.EndToEnd(60_000, 60_000, Map.of(), 60.5, 1, 1,
                List.of(new NotificationReport.Timeline(60_400_000, 10_000, 10_000, 30_000)), 0, new long[0],
                new long[0], CPU, 0, 0, 1);
        List<NotificationReport.Window> windows = new NotificationReport(CONTEXT, List.of(), justAfter).windows(6);
        assertThat(windows).hasSize(6);
        assertThat(windows.get(5).toSecond()).isEqualTo(60);
        assertThat(windows.get(5).incidents()).isEqualTo(1);
    }

    @Test
    void cpuWhileSendingIsInCoresAndPerThousandAlerts() {
        String markdown = new NotificationReport(CONTEXT, List.of(), endToEnd(1_000, 1, 0)).markdown();
        // 30 CPU s of triage over 60 s is half a core; over 60,000 alerts, 500 ms a thousand.
        assertThat(markdown).contains("| cores (CPU s / wall s) | 0.10 | 0.50 | 0.20 | 0.10 | 0.20 | 0.05 | 95 % |")
                .contains("| ms per 1,000 alerts | 100 | 500 | 200 | 100 | 200 | 50 | |");
    }
}
