package io.vigil.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The system benchmark's figures: Vigil's durable ingest against the raw Kafka producer, its ingest →
 * notify rate against Alertmanager's, and the long run at a fixed rate (latency over time, lag, memory),
 * as Markdown for {@code docs/performance.md}, as console text, and as the chart. Ratios are each
 * repetition's figure over the baseline measured beside it; the median is reported with the range.
 */
final class SystemReport {

    static final String BEGIN = "<!-- system-figures:begin (written by infra/load/run.sh system; edit around, not inside) -->";
    static final String END = "<!-- system-figures:end -->";
    static final double INGEST_TARGET = 0.5;
    static final double ALERTMANAGER_TARGET = 1.0;
    static final double P99_TARGET_MILLIS = 1_000;
    static final double RATE_REACHED = 0.99;

    /** How the run was made. */
    record Context(String command, String date, String host, double loadMin, double loadMax, int burstAlerts,
            int batchSize, int batchClients, int alertsPerIncident, int repetitions, int alertsPerSecond, int seconds,
            int warmupSeconds, int connections, String chart) {
    }

    /**
     * One burst through Vigil, with the raw producer's time for as many records beside it.
     *
     * @param ingestSeconds first request to last 202 (every alert durable in Kafka)
     * @param notifySeconds first request to the last e-mail accepted by SMTP
     * @param aloneAccepted alerts accepted in as large a burst sent with triage and notification held still
     * @param aloneSeconds that burst's first request to its last 202
     */
    record Burst(int repetition, long alerts, long accepted, double ingestSeconds, long incidents, long emailsSent,
            long emailsFailed, double notifySeconds, double rawSeconds, long aloneAccepted, double aloneSeconds) {

        Burst withRaw(double seconds) {
            return new Burst(repetition, alerts, accepted, ingestSeconds, incidents, emailsSent, emailsFailed,
                    notifySeconds, seconds, aloneAccepted, aloneSeconds);
        }

        Burst withAlone(long accepted, double seconds) {
            return new Burst(repetition, alerts, this.accepted, ingestSeconds, incidents, emailsSent, emailsFailed,
                    notifySeconds, rawSeconds, accepted, seconds);
        }

        /** Durable ingest while triage and notification work on the same burst. */
        double ingestRate() {
            return accepted / ingestSeconds;
        }

        /** Durable ingest with triage and notification held still: the raw producer's terms. */
        double aloneRate() {
            return aloneAccepted / aloneSeconds;
        }

        double rawRate() {
            return alerts / rawSeconds;
        }

        double notifyRate() {
            return alerts / notifySeconds;
        }
    }

    /** The long run at a fixed alert rate. */
    record LongRun(long alerts, long accepted, Map<Integer, Long> failures, double seconds,
            PacedIncidents.Timed timed, List<LatencyPlot.Slice> slices, List<LatencyPlot.Sample> samples) {

        double rate() {
            return accepted / seconds;
        }

        long[] totalsMicros() {
            return timed.timelines().stream().mapToLong(NotificationReport.Timeline::totalMicros).sorted().toArray();
        }

        double percentileMillis(double p) {
            long[] totals = totalsMicros();
            return totals.length == 0 ? Double.NaN : Stats.percentile(totals, p) / 1e3;
        }

        double maxOf(ToDoubleFunction<LatencyPlot.Sample> value) {
            return samples.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        }

        double lastOf(ToDoubleFunction<LatencyPlot.Sample> value) {
            return samples.isEmpty() ? Double.NaN : value.applyAsDouble(samples.get(samples.size() - 1));
        }

        /** The highest p99 of any time slice. */
        double worstSliceP99() {
            return slices.stream().mapToDouble(LatencyPlot.Slice::p99Millis).max().orElse(Double.NaN);
        }
    }

    private final Context context;
    private final List<Burst> bursts;
    private final List<AlertmanagerBaseline.Result> alertmanager;
    private final LongRun longRun;

    SystemReport(Context context, List<Burst> bursts, List<AlertmanagerBaseline.Result> alertmanager, LongRun longRun) {
        this.context = context;
        this.bursts = bursts;
        this.alertmanager = alertmanager;
        this.longRun = longRun;
    }

    /** Durable ingest over the raw producer's rate, on its terms (the rest of the pipeline held still). */
    double[] ingestRatios() {
        return bursts.stream().mapToDouble(b -> b.aloneRate() / b.rawRate()).toArray();
    }

    /** Durable ingest over the raw producer's rate while triage and notification work on the burst. */
    double[] sharedIngestRatios() {
        return bursts.stream().mapToDouble(b -> b.ingestRate() / b.rawRate()).toArray();
    }

    /** Vigil's ingest → notify rate of each repetition over Alertmanager's of the same repetition. */
    double[] alertmanagerRatios() {
        int n = Math.min(bursts.size(), alertmanager.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = bursts.get(i).notifyRate() / alertmanager.get(i).notifyRate();
        }
        return ratios;
    }

    boolean ingestMet() {
        return Stats.median(ingestRatios()) >= INGEST_TARGET;
    }

    boolean alertmanagerMet() {
        return alertmanagerRatios().length > 0 && Stats.median(alertmanagerRatios()) >= ALERTMANAGER_TARGET;
    }

    boolean rateReached() {
        return longRun.rate() >= RATE_REACHED * context.alertsPerSecond();
    }

    boolean latencyMet() {
        return longRun.timed().missing() == 0 && longRun.percentileMillis(99) <= P99_TARGET_MILLIS;
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Run of %s on %s, one-minute load average %.1f to %.1f: `%s`.%n%n",
                context.date(), context.host(), context.loadMin(), context.loadMax(), context.command()));
        b.append("| target | measured | met |\n|---|---|---|\n");
        double[] ingest = ingestRatios();
        Stats.Range ingestRange = Stats.range(ingest);
        b.append(String.format(Locale.ROOT, "| durable ingest ≥ %.1f × raw Kafka producer (triage and notification held"
                + " still, as they are idle for the producer) | %.2f × (%.2f–%.2f) | %s |%n",
                INGEST_TARGET, Stats.median(ingest), ingestRange.min(), ingestRange.max(), FiguresSection.met(ingestMet())));
        double[] shared = sharedIngestRatios();
        Stats.Range sharedRange = Stats.range(shared);
        b.append(String.format(Locale.ROOT, "| the same, while triage and notification work on the burst on the same"
                + " cores (not a target) | %.2f × (%.2f–%.2f) | – |%n", Stats.median(shared), sharedRange.min(),
                sharedRange.max()));
        double[] am = alertmanagerRatios();
        if (am.length > 0) {
            Stats.Range amRange = Stats.range(am);
            b.append(String.format(Locale.ROOT, "| ingest → notify ≥ Alertmanager's rate | %.2f × (%.2f–%.2f) | %s |%n",
                    Stats.median(am), amRange.min(), amRange.max(), FiguresSection.met(alertmanagerMet())));
        }
        b.append(String.format(Locale.ROOT, "| %,d alerts/s sustained for %d s | %,.0f alerts/s | %s |%n",
                context.alertsPerSecond(), context.seconds(), longRun.rate(), FiguresSection.met(rateReached())));
        b.append(String.format(Locale.ROOT, "| alert accepted → e-mail accepted, p99 ≤ %,.0f ms at that rate | %s ms%s | %s |%n%n",
                P99_TARGET_MILLIS, millis(longRun.percentileMillis(99)), longRun.timed().missing() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,d incident(s) without an e-mail)", longRun.timed().missing()),
                FiguresSection.met(latencyMet())));

        b.append(String.format(Locale.ROOT, "**Bursts** of %,d alerts (%d a pupil, so %,d incidents), %,d a request from"
                + " %d connections; the raw producer sends as many records of the same size:%n%n", context.burstAlerts(),
                context.alertsPerIncident(), context.burstAlerts() / context.alertsPerIncident(), context.batchSize(),
                context.batchClients()));
        b.append("| repetition | raw Kafka records/s | Vigil durable alerts/s, rest held still | × raw"
                + " | Vigil durable alerts/s, all working | × raw | Vigil ingest → last e-mail, alerts/s"
                + " | e-mails | Alertmanager ingest → last notification, alerts/s | notifications | Vigil × Alertmanager |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < bursts.size(); i++) {
            Burst burst = bursts.get(i);
            AlertmanagerBaseline.Result a = i < alertmanager.size() ? alertmanager.get(i) : null;
            b.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %,.0f (%.1f s) | %,d%s | %s"
                    + " | %s | %s |%n",
                    burst.repetition(), burst.rawRate(), burst.aloneRate(), burst.aloneRate() / burst.rawRate(),
                    burst.ingestRate(), burst.ingestRate() / burst.rawRate(),
                    burst.notifyRate(), burst.notifySeconds(), burst.emailsSent(),
                    burst.emailsFailed() == 0 ? "" : String.format(Locale.ROOT, " (%,d failed)", burst.emailsFailed()),
                    a == null ? "–" : String.format(Locale.ROOT, "%,.0f (%.1f s)", a.notifyRate(), a.notifySeconds()),
                    a == null ? "–" : String.format(Locale.ROOT, "%,d", a.notifications()),
                    a == null ? "–" : String.format(Locale.ROOT, "%.2f", burst.notifyRate() / a.notifyRate())));
        }
        b.append(String.format(Locale.ROOT, "%n**Long run**: %,d s of single alerts at %,d/s from %d connections, %d a"
                + " pupil, after %d s at that rate to warm up.%n%n", context.seconds(), context.alertsPerSecond(),
                context.connections(), context.alertsPerIncident(), context.warmupSeconds()));
        b.append("| measure | value |\n|---|---|\n");
        b.append(String.format(Locale.ROOT, "| alerts accepted | %,d of %,d%s |%n", longRun.accepted(), longRun.alerts(),
                longRun.failures().isEmpty() ? "" : " (not accepted: " + longRun.failures() + ")"));
        b.append(String.format(Locale.ROOT, "| alert rate achieved | %,.0f alerts/s |%n", longRun.rate()));
        b.append(String.format(Locale.ROOT, "| incidents timed (of %,d expected) | %,d |%n",
                longRun.timed().expectedIncidents(), longRun.timed().timelines().size()));
        b.append(String.format(Locale.ROOT, "| alert accepted → e-mail accepted, p50 / p99 / max | %s / %s / %s ms |%n",
                millis(longRun.percentileMillis(50)), millis(longRun.percentileMillis(99)),
                millis(longRun.percentileMillis(100))));
        b.append(String.format(Locale.ROOT, "| worst %.0f-second slice's p99 | %s ms |%n", LatencyPlot.SLICE_SECONDS,
                millis(longRun.worstSliceP99())));
        b.append(String.format(Locale.ROOT, "| consumer lag, most / at the end: triage (alerts) | %,.0f / %,.0f |%n",
                longRun.maxOf(LatencyPlot.Sample::triageLag), longRun.lastOf(LatencyPlot.Sample::triageLag)));
        b.append(String.format(Locale.ROOT, "| consumer lag, most / at the end: notification (incident events) | %,.0f / %,.0f |%n",
                longRun.maxOf(LatencyPlot.Sample::notificationLag), longRun.lastOf(LatencyPlot.Sample::notificationLag)));
        b.append(String.format(Locale.ROOT, "| resident memory, most: intake / triage / notification | %,.0f / %,.0f / %,.0f MiB |%n",
                longRun.maxOf(LatencyPlot.Sample::intakeMiB), longRun.maxOf(LatencyPlot.Sample::triageMiB),
                longRun.maxOf(LatencyPlot.Sample::notificationMiB)));
        b.append(String.format(Locale.ROOT, "%n![Alert accepted → e-mail accepted over the long run, and the consumers'"
                + " lag](%s)%n", Path.of(context.chart()).getFileName()));
        return b.toString();
    }

    String console() {
        return markdown();
    }

    String chart() {
        return LatencyPlot.svg(String.format(Locale.ROOT, "Vigil at %,d alerts/s for %,d s (%s)",
                context.alertsPerSecond(), context.seconds(), context.date()), longRun.slices(), longRun.samples(),
                Math.max(context.seconds(), longRun.samples().isEmpty() ? 0
                        : longRun.samples().get(longRun.samples().size() - 1).atSeconds()), P99_TARGET_MILLIS);
    }

    void writeInto(Path doc) throws IOException {
        FiguresSection.write(doc, BEGIN, END, "### System figures", markdown());
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
