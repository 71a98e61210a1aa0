package io.vigil.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of one benchmark run as tables: every rate divided by the raw-Kafka rate of the same
 * repetition, latencies beside those of raw acknowledged sends, and where the CPU went. The tables are
 * written between two markers in {@code docs/performance.md}, so the prose around them stays.
 */
final class Report {

    static final String BEGIN = "<!-- figures:begin (written by infra/load/run.sh intake; edit around, not inside) -->";
    static final String END = "<!-- figures:end -->";

    /** Syslog and batch must reach half the raw producer's rate. */
    static final double RATIO_TARGET = 0.5;
    /** Single alerts per second on two cores. */
    static final double SINGLE_TARGET = 5_000;

    /** What the run was and where it ran, for the reader of the tables. */
    record Context(String command, String date, String machine, int syslogLines, int syslogConnections,
            int batches, int batchClients, int singleSeconds, int singleConcurrency, int roundTripSeconds,
            int repetitions, int syslogRecordBytes, int webhookRecordBytes, int recordKeyBytes) {
    }

    private final Context context;
    private final List<Measurement> measurements;

    Report(Context context, List<Measurement> measurements) {
        this.context = context;
        this.measurements = measurements;
    }

    private List<Measurement> of(Phase phase) {
        return measurements.stream().filter(m -> m.phase() == phase).toList();
    }

    private double[] rates(Phase phase) {
        return of(phase).stream().mapToDouble(Measurement::rate).toArray();
    }

    /** Rates of {@code phase} divided, repetition by repetition, by the raw producer loop's. */
    double[] ratios(Phase phase) {
        return Stats.ratios(rates(phase), rates(Phase.RAW_KAFKA));
    }

    double medianRate(Phase phase) {
        return Stats.median(rates(phase));
    }

    private double medianLatencyMillis(Phase phase, double percentile) {
        return Stats.median(of(phase).stream().filter(m -> m.sortedLatencies().length > 0)
                .mapToDouble(m -> Stats.percentile(m.sortedLatencies(), percentile) / 1e6).toArray());
    }

    boolean syslogMet() {
        return Stats.median(ratios(Phase.SYSLOG_TCP)) >= RATIO_TARGET;
    }

    boolean batchMet() {
        return Stats.median(ratios(Phase.BATCH_WEBHOOK)) >= RATIO_TARGET;
    }

    boolean singleMet() {
        return medianRate(Phase.SINGLE_WEBHOOK) >= SINGLE_TARGET;
    }

    /** The tables in Markdown. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        Context c = context;
        b.append(String.format(Locale.ROOT, "Run of %s on %s: `%s`.%n%n", c.date(), c.machine(), c.command()));
        b.append(String.format(Locale.ROOT, "Each phase ran %d times, interleaved (raw Kafka, raw round trips, syslog,"
                + " batch, single, then again), after one warm-up of each. Rates are the median of the %d; the ratio"
                + " is each repetition's rate divided by the raw producer loop's rate of the same repetition, given"
                + " as median (min–max). Record value: %,d bytes for a syslog alert, %,d for a webhook alert (key"
                + " %d bytes, one header); the raw loop sends %,d-byte values under the same key.%n%n",
                c.repetitions(), c.repetitions(), c.syslogRecordBytes(), c.webhookRecordBytes(), c.recordKeyBytes(),
                c.syslogRecordBytes()));
        b.append("| path | per repetition | median rate | × raw Kafka | target | met |\n");
        b.append("|---|---|---:|---|---|---|\n");
        row(b, Phase.RAW_KAFKA, String.format(Locale.ROOT, "%,d records", c.syslogLines()), "baseline", "");
        row(b, Phase.RAW_KAFKA_ROUND_TRIPS, String.format(Locale.ROOT, "%d s, %d threads", c.roundTripSeconds(),
                c.singleConcurrency()), "(the single webhook's floor)", "");
        row(b, Phase.SYSLOG_TCP, String.format(Locale.ROOT, "%,d lines, %d connection(s)", c.syslogLines(),
                c.syslogConnections()), "≥ 0.5 × raw", FiguresSection.met(syslogMet()));
        row(b, Phase.BATCH_WEBHOOK, String.format(Locale.ROOT, "%,d × 1,000 alerts, %d clients", c.batches(),
                c.batchClients()), "≥ 0.5 × raw", FiguresSection.met(batchMet()));
        row(b, Phase.SINGLE_WEBHOOK, String.format(Locale.ROOT, "%d s, %d connections", c.singleSeconds(),
                c.singleConcurrency()), "≥ 5,000 requests/s", FiguresSection.met(singleMet()));
        b.append('\n');

        b.append("| latency (per request, ms) | p50 | p99 | p50 × raw round trip | p99 × raw round trip |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        double rawP50 = medianLatencyMillis(Phase.RAW_KAFKA_ROUND_TRIPS, 50);
        double rawP99 = medianLatencyMillis(Phase.RAW_KAFKA_ROUND_TRIPS, 99);
        for (Phase phase : List.of(Phase.RAW_KAFKA_ROUND_TRIPS, Phase.SINGLE_WEBHOOK, Phase.BATCH_WEBHOOK)) {
            double p50 = medianLatencyMillis(phase, 50);
            double p99 = medianLatencyMillis(phase, 99);
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", phase.label, p50, p99,
                    p50 / rawP50, p99 / rawP99));
        }
        b.append('\n');

        b.append("| CPU per 1,000 (ms, median) | intake | Kafka broker's JVM | PostgreSQL | load generator | machine busy |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        for (Phase phase : Phase.values()) {
            List<Measurement> runs = of(phase);
            b.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f %% |%n", phase.label,
                    perThousand(runs, Measurement.CpuUse::intake), perThousand(runs, Measurement.CpuUse::broker),
                    perThousand(runs, Measurement.CpuUse::postgres), perThousand(runs, Measurement.CpuUse::generator),
                    100 * Stats.median(runs.stream().mapToDouble(m -> m.cpu().machineBusy()).toArray())));
        }
        String failures = measurements.stream().filter(m -> !m.failures().isEmpty())
                .map(m -> m.phase().label + " #" + m.repetition() + ": " + m.failures()).collect(Collectors.joining("; "));
        b.append('\n').append(failures.isEmpty() ? "Every request was answered 202 (every record acknowledged).\n"
                : "Answers other than 202, by status: " + failures + ".\n");

        b.append("\nEvery repetition:\n\n| path | repetition | count | seconds | rate | × raw Kafka |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        double[] raw = rates(Phase.RAW_KAFKA);
        for (Measurement m : measurements) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.2f | %,.0f /s | %.2f |%n", m.phase().label,
                    m.repetition(), m.count(), m.seconds(), m.rate(), m.rate() / raw[m.repetition() - 1]));
        }
        return b.toString();
    }

    private void row(StringBuilder b, Phase phase, String size, String target, String met) {
        double[] ratios = ratios(phase);
        Stats.Range range = Stats.range(ratios);
        b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f %s/s | %.2f (%.2f–%.2f) | %s | %s |%n", phase.label,
                size, medianRate(phase), phase.unit, Stats.median(ratios), range.min(), range.max(), target, met));
    }

    private static double perThousand(List<Measurement> runs, java.util.function.ToDoubleFunction<Measurement.CpuUse> cpu) {
        return Stats.median(runs.stream().mapToDouble(m -> 1000 * 1000 * cpu.applyAsDouble(m.cpu()) / m.count())
                .toArray());
    }

    /** Replaces what stands between the markers of {@code doc}, or writes a new page around the tables. */
    void writeInto(Path doc) throws IOException {
        FiguresSection.write(doc, BEGIN, END, "## Figures", markdown());
    }

    /** A short table for the console. */
    String console() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-44s %14s %22s%n", "path", "median rate/s", "x raw Kafka (min-max)"));
        for (Phase phase : Phase.values()) {
            double[] ratios = ratios(phase);
            Stats.Range range = Stats.range(ratios);
            b.append(String.format(Locale.ROOT, "%-44s %,14.0f %10.2f (%.2f-%.2f)%n", phase.label, medianRate(phase),
                    Stats.median(ratios), range.min(), range.max()));
        }
        for (Phase phase : List.of(Phase.RAW_KAFKA_ROUND_TRIPS, Phase.SINGLE_WEBHOOK, Phase.BATCH_WEBHOOK)) {
            b.append(String.format(Locale.ROOT, "%-44s p50 %.1f ms, p99 %.1f ms%n", phase.label,
                    medianLatencyMillis(phase, 50), medianLatencyMillis(phase, 99)));
        }
        b.append(String.format(Locale.ROOT, "targets: syslog >= 0.5x raw: %s; batch >= 0.5x raw: %s; single >= 5,000/s: %s%n",
                syslogMet() ? "met" : "MISSED", batchMet() ? "met" : "MISSED", singleMet() ? "met" : "MISSED"));
        return b.toString();
    }
}
