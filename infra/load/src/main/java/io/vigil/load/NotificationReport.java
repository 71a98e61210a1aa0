package io.vigil.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The figures of one notification benchmark run: e-mails delivered per second against a plain SMTP client
 * of the same repetition, and the time from an alert accepted at intake to its e-mail accepted by the SMTP
 * server with intake, triage and notification running at a fixed alert rate. Written between their own
 * markers in {@code docs/performance.md}, beside intake's and triage's.
 */
final class NotificationReport {

    static final String BEGIN = "<!-- notification-figures:begin (written by infra/load/run.sh notification; edit around, not inside) -->";
    static final String END = "<!-- notification-figures:end -->";

    /** Delivery must reach half the plain client's rate. */
    static final double RATIO_TARGET = 0.5;
    /** Alert accepted → e-mail accepted, p99, at the target alert rate. */
    static final double P99_TARGET_MILLIS = 1_000;
    /** The alert rate counts as reached at this share of the target (the last answers come after the schedule ends). */
    static final double RATE_REACHED = 0.99;

    /** What the run was and where it ran. */
    record Context(String command, String date, String machine, double loadMin, double loadMax, int incidents,
            int repetitions, String recipient, int vigilMessageBytes, int rawMessageBytes, int alertsPerSecond,
            int seconds, int alertsPerIncident, int connections, int warmupSeconds, int warmupIncidents,
            int warmupRounds) {
    }

    /**
     * One repetition of the delivery rate: the plain client's messages, then notification's.
     *
     * @param rawSeconds the plain client's first command to its last reply
     * @param vigilSeconds the first {@code IncidentOpened} published to the last e-mail accepted (ledger)
     * @param expected e-mails notification must send (incidents × people told about each)
     * @param inMailbox how much the recipient's mailbox grew during notification's part
     */
    record Delivery(int repetition, long rawMessages, double rawSeconds, long incidents, long expected, long sent,
            long failed, long inMailbox, double vigilSeconds, Measurement.CpuUse rawCpu,
            Measurement.CpuUse vigilCpu) implements AgainstBaseline {

        double rawRate() {
            return rawMessages / rawSeconds;
        }

        double vigilRate() {
            return sent / vigilSeconds;
        }

        @Override
        public double ratio() {
            return vigilRate() / rawRate();
        }

        @Override
        public boolean right() {
            return sent == expected && failed == 0 && inMailbox == expected;
        }
    }

    /**
     * The end-to-end run.
     *
     * @param alerts alerts on the schedule
     * @param accepted alerts answered 202
     * @param failures other answers by status (-1: no answer)
     * @param seconds the schedule's start to the last answer
     * @param expectedIncidents users with an accepted alert: each must make one incident
     * @param incidents incidents the run's alerts opened (triage's database)
     * @param timelines each incident with an e-mail accepted: when its first alert was accepted and where the time
     *     went from there
     * @param emailsMissing incidents with no e-mail accepted when the run gave up waiting
     * @param requestNanos every request's time, sent to answered
     * @param lateNanos how late after its moment on the schedule each alert was sent
     * @param cpu where the CPU went while the alerts were sent
     * @param triageBehind alerts triage had not committed when the last alert was answered
     * @param notificationBehind incident events notification had not committed then
     * @param drainSeconds the last alert answered → the last e-mail accepted
     */
    record EndToEnd(long alerts, long accepted, Map<Integer, Long> failures, double seconds, long expectedIncidents,
            long incidents, List<Timeline> timelines, long emailsMissing, long[] requestNanos, long[] lateNanos,
            Measurement.CpuUse cpu, long triageBehind, long notificationBehind, double drainSeconds) {

        double rate() {
            return accepted / seconds;
        }

        /** When each incident's first alert was accepted, in microseconds after the schedule's start. */
        long[] openedAtMicros() {
            return timelines.stream().mapToLong(Timeline::acceptedAfterStartMicros).toArray();
        }

        /** Each incident's first alert accepted → its e-mail accepted, in microseconds. */
        long[] latencyMicros() {
            return timelines.stream().mapToLong(Timeline::totalMicros).toArray();
        }

        double millis(double percentile) {
            return percentileMillis(latencyMicros(), percentile);
        }

        double maxMillis() {
            return timelines.isEmpty() ? Double.NaN : Arrays.stream(latencyMicros()).max().orElseThrow() / 1e3;
        }

        /** Latency percentile of the requests or of the lateness, in milliseconds. */
        static double millisOf(long[] nanos, double percentile) {
            long[] sorted = Arrays.stream(nanos).filter(n -> n > 0).sorted().toArray();
            return sorted.length == 0 ? 0 : Stats.percentile(sorted, percentile) / 1e6;
        }
    }

    /**
     * One incident, from its first alert accepted by intake to its e-mail accepted by the SMTP server, in
     * microseconds: when that alert was accepted after the schedule's start, then until triage opened the
     * incident ({@code opened_at}), until notification wrote the e-mail's ledger row ({@code created_at}),
     * and until the server accepted it (the row's {@code updated_at} as it turned {@code sent}).
     */
    record Timeline(long acceptedAfterStartMicros, long toOpenedMicros, long toPlannedMicros, long toSentMicros) {

        long totalMicros() {
            return toOpenedMicros + toPlannedMicros + toSentMicros;
        }
    }

    /** The {@code percentile} of {@code micros} (any order) in milliseconds; NaN for none. */
    static double percentileMillis(long[] micros, double percentile) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : Stats.percentile(sorted, percentile) / 1e3;
    }

    /** The incidents whose first alert was accepted in one stretch of the run, and their latencies. */
    record Window(int fromSecond, int toSecond, int incidents, double p50Millis, double p99Millis, double maxMillis) {
    }

    private final Context context;
    private final List<Delivery> deliveries;
    private final EndToEnd endToEnd;

    NotificationReport(Context context, List<Delivery> deliveries, EndToEnd endToEnd) {
        this.context = context;
        this.deliveries = deliveries;
        this.endToEnd = endToEnd;
    }

    double[] ratios() {
        return AgainstBaseline.ratios(deliveries);
    }

    boolean ratioMet() {
        return AgainstBaseline.medianAtLeast(deliveries, RATIO_TARGET);
    }

    boolean allRight() {
        return AgainstBaseline.allRight(deliveries);
    }

    boolean rateReached() {
        return endToEnd != null && endToEnd.rate() >= RATE_REACHED * context.alertsPerSecond();
    }

    boolean p99Met() {
        return endToEnd != null && endToEnd.emailsMissing() == 0 && !endToEnd.timelines().isEmpty()
                && endToEnd.millis(99) <= P99_TARGET_MILLIS;
    }

    /**
     * The incidents in {@code count} equal stretches of the run (the schedule, or up to the last first alert
     * accepted if later) by when their first alert was accepted.
     */
    List<Window> windows(int count) {
        List<Window> windows = new ArrayList<>();
        if (endToEnd == null || endToEnd.timelines().isEmpty()) {
            return windows;
        }
        long[] openedAt = endToEnd.openedAtMicros();
        long[] latency = endToEnd.latencyMicros();
        // The run's span: the schedule, or up to the last whole second at which a first alert was accepted
        // if the run fell behind; the last stretch also holds what came in its final fraction of a second.
        long lastOpened = Arrays.stream(openedAt).max().orElse(0);
        int seconds = Math.max(Math.max(1, context.seconds()), (int) (lastOpened / 1_000_000));
        int step = Math.max(1, (int) Math.ceil(seconds / (double) count));
        for (int from = 0; from < seconds; from += step) {
            int to = Math.min(seconds, from + step);
            List<Long> in = new ArrayList<>();
            for (int i = 0; i < openedAt.length; i++) {
                double at = openedAt[i] / 1e6;
                // The last stretch also holds the alerts answered after the schedule's end.
                if (at >= from && (at < to || to == seconds)) {
                    in.add(latency[i]);
                }
            }
            long[] sorted = in.stream().mapToLong(Long::longValue).sorted().toArray();
            windows.add(sorted.length == 0 ? new Window(from, to, 0, Double.NaN, Double.NaN, Double.NaN)
                    : new Window(from, to, sorted.length, Stats.percentile(sorted, 50) / 1e3,
                            Stats.percentile(sorted, 99) / 1e3, sorted[sorted.length - 1] / 1e3));
        }
        return windows;
    }

    /** The tables in Markdown. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        Context c = context;
        b.append(String.format(Locale.ROOT, "Run of %s on %s, with a one-minute load average of %.1f to %.1f"
                + " (sampled every 5 s): `%s`.%n%n", c.date(), c.machine(), c.loadMin(), c.loadMax(), c.command()));
        if (!deliveries.isEmpty()) {
            deliveryTables(b, c);
        }
        if (endToEnd != null) {
            endToEndTables(b, c, endToEnd);
        }
        return b.toString();
    }

    private void deliveryTables(StringBuilder b, Context c) {
        b.append(String.format(Locale.ROOT, "**Delivery rate.** %,d `IncidentOpened` events a repetition, %d"
                + " repetition(s) after %s of %,d, published straight to `vigil.incidents.v1` as triage publishes"
                + " them (South Academy, gambling, low severity, routed to the DSL): one e-mail each to %s. The"
                + " SMTP server stored Vigil's e-mail as %,d bytes and the plain client's as %,d. Rates are the"
                + " median of the repetitions; the ratio is each repetition's notification rate divided by the"
                + " plain client's rate of the same repetition, as median (min–max).%n%n", c.incidents(),
                deliveries.size(), c.warmupRounds() == 1 ? "one warm-up" : c.warmupRounds() + " warm-up rounds",
                c.warmupIncidents(), c.recipient(), c.vigilMessageBytes(), c.rawMessageBytes()));
        double[] raw = deliveries.stream().mapToDouble(Delivery::rawRate).toArray();
        double[] vigil = deliveries.stream().mapToDouble(Delivery::vigilRate).toArray();
        b.append("| path | median rate | × raw SMTP | target | met |\n|---|---:|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| raw SMTP (Jakarta Mail, one connection kept open, RSET before each"
                + " message) | %,.0f e-mails/s | 1.00 | baseline | |%n", Stats.median(raw)));
        b.append(String.format(Locale.ROOT, "| notification, `IncidentOpened` → e-mail accepted by SMTP | %,.0f"
                + " e-mails/s | %s | ≥ 0.5 × raw | %s |%n%n", Stats.median(vigil),
                AgainstBaseline.medianAndRange(deliveries, 2, "–"), FiguresSection.met(ratioMet())));
        b.append("| repetition | raw s | raw e-mails/s | notification s | notification e-mails/s | × raw |"
                + " e-mails (expected / sent / in the mailbox) | failed | right |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Delivery d : deliveries) {
            b.append(String.format(Locale.ROOT, "| %d | %.2f | %,.0f | %.2f | %,.0f | %.2f | %,d / %,d / %,d | %,d |"
                    + " %s |%n", d.repetition(), d.rawSeconds(), d.rawRate(), d.vigilSeconds(), d.vigilRate(),
                    d.ratio(), d.expected(), d.sent(), d.inMailbox(), d.failed(), d.right() ? "yes" : "**NO**"));
        }
        List<String> services = new ArrayList<>(deliveries.get(0).vigilCpu().services().keySet());
        b.append("\n| CPU per e-mail (ms, median) | ");
        services.forEach(s -> b.append(s).append(" | "));
        b.append("stack's JVM (Kafka, SMTP) | PostgreSQL | load generator | machine busy |\n|---|");
        b.append("---:|".repeat(services.size() + 4)).append('\n');
        cpuRow(b, "raw SMTP", services, deliveries.stream().map(d -> perItem(d.rawCpu(), d.rawMessages())).toList(),
                deliveries.stream().mapToDouble(d -> d.rawCpu().machineBusy()).toArray());
        cpuRow(b, "notification", services, deliveries.stream().map(d -> perItem(d.vigilCpu(), d.sent())).toList(),
                deliveries.stream().mapToDouble(d -> d.vigilCpu().machineBusy()).toArray());
        b.append('\n');
    }

    /** CPU milliseconds per item, by process: the services, then the stack's JVM, PostgreSQL and the generator. */
    private static double[] perItem(Measurement.CpuUse cpu, long items) {
        List<Double> values = new ArrayList<>(cpu.services().values());
        values.addAll(List.of(cpu.broker(), cpu.postgres(), cpu.generator()));
        return values.stream().mapToDouble(v -> 1000 * v / Math.max(1, items)).toArray();
    }

    private static void cpuRow(StringBuilder b, String label, List<String> services, List<double[]> perRepetition,
            double[] busy) {
        b.append("| ").append(label).append(" |");
        for (int i = 0; i < services.size() + 3; i++) {
            int column = i;
            b.append(String.format(Locale.ROOT, " %.2f |", Stats.median(perRepetition.stream()
                    .mapToDouble(values -> values[column]).toArray())));
        }
        b.append(String.format(Locale.ROOT, " %.0f %% |%n", 100 * Stats.median(busy)));
    }

    private void endToEndTables(StringBuilder b, Context c, EndToEnd e) {
        b.append(String.format(Locale.ROOT, "**End to end.** Intake, triage and notification running; single"
                + " alerts posted to intake's webhook at %,d a second for %d s, from %d keep-alive connections, each"
                + " alert at its moment on a fixed schedule. Before it, to warm the JIT up, intake alone took %d s"
                + " of single alerts as fast as it could (triage then started past them), and the three services"
                + " %4$d s of alerts at the measured rate, until every e-mail of those was accepted. The mix:"
                + " every alert is about a user, %d alerts a user in a row, so 1 alert in %d opens an incident and"
                + " the other %d join it (the same school, user and category within seconds); each incident is one"
                + " e-mail to %s. Latency is from the 202 of the first alert about a user accepted to the e-mail"
                + " about that user's incident accepted by the SMTP server.%n%n", c.alertsPerSecond(), c.seconds(),
                c.connections(), c.warmupSeconds(), c.alertsPerIncident(), c.alertsPerIncident(),
                c.alertsPerIncident() - 1, c.recipient()));
        b.append("| measured | value |\n|---|---:|\n");
        b.append(String.format(Locale.ROOT, "| alerts accepted (202) / on the schedule | %,d / %,d |%n", e.accepted(),
                e.alerts()));
        b.append(String.format(Locale.ROOT, "| alert rate achieved | %,.0f alerts/s |%n", e.rate()));
        b.append(String.format(Locale.ROOT, "| incidents expected / opened / with their e-mail accepted | %,d / %,d /"
                + " %,d |%n", e.expectedIncidents(), e.incidents(), e.timelines().size()));
        b.append(String.format(Locale.ROOT, "| alert accepted → e-mail accepted, p50 / p99 / max | %,.0f / %,.0f /"
                + " %,.0f ms |%n", e.millis(50), e.millis(99), e.maxMillis()));
        b.append(String.format(Locale.ROOT, "| webhook request, p50 / p99 | %.1f / %.1f ms |%n",
                EndToEnd.millisOf(e.requestNanos(), 50), EndToEnd.millisOf(e.requestNanos(), 99)));
        b.append(String.format(Locale.ROOT, "| alerts sent behind their moment, p99 | %.1f ms |%n",
                EndToEnd.millisOf(e.lateNanos(), 99)));
        b.append(String.format(Locale.ROOT, "| when the last alert was answered: alerts triage had not committed /"
                + " incident events notification had not committed | %,d / %,d |%n", e.triageBehind(),
                e.notificationBehind()));
        b.append(String.format(Locale.ROOT, "| last alert answered → last e-mail accepted | %.1f s |%n",
                e.drainSeconds()));
        String failures = e.failures().isEmpty() ? "none" : e.failures().toString();
        b.append(String.format(Locale.ROOT, "| answers other than 202, by status | %s |%n%n", failures));

        b.append("| where the time went, per incident | p50 ms | p99 ms |\n|---|---:|---:|\n");
        stage(b, "first alert accepted → incident opened (intake's Kafka write, triage)", e,
                Timeline::toOpenedMicros);
        stage(b, "incident opened → e-mail planned (triage's outbox relay, Kafka, notification's consumer)", e,
                Timeline::toPlannedMicros);
        stage(b, "e-mail planned → accepted by the SMTP server (notification's sender)", e, Timeline::toSentMicros);
        stage(b, "first alert accepted → e-mail accepted", e, Timeline::totalMicros);
        b.append('\n');

        List<String> services = new ArrayList<>(e.cpu().services().keySet());
        b.append("| CPU while the alerts were sent | ");
        services.forEach(s -> b.append(s).append(" | "));
        b.append("stack's JVM (Kafka, SMTP) | PostgreSQL | load generator | machine busy |\n|---|");
        b.append("---:|".repeat(services.size() + 4)).append('\n');
        double seconds = e.seconds();
        b.append("| cores (CPU s / wall s) |");
        for (double v : perItem(e.cpu(), 1)) {
            b.append(String.format(Locale.ROOT, " %.2f |", v / 1000 / seconds));
        }
        b.append(String.format(Locale.ROOT, " %.0f %% |%n", 100 * e.cpu().machineBusy()));
        b.append("| ms per 1,000 alerts |");
        for (double v : perItem(e.cpu(), Math.max(1, e.accepted()))) {
            b.append(String.format(Locale.ROOT, " %,.0f |", v * 1000));
        }
        b.append(" |\n\n");

        b.append("| first alert accepted (s into the run) | incidents | p50 ms | p99 ms | max ms |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        for (Window w : windows(6)) {
            b.append(String.format(Locale.ROOT, "| %d–%d | %,d | %,.0f | %,.0f | %,.0f |%n", w.fromSecond(),
                    w.toSecond(), w.incidents(), w.p50Millis(), w.p99Millis(), w.maxMillis()));
        }
        b.append(String.format(Locale.ROOT, "%n| target | measured | met |%n|---|---|---|%n"
                + "| delivery ≥ 0.5 × raw SMTP | %s | %s |%n"
                + "| %,d alerts/s sustained | %,.0f alerts/s | %s |%n"
                + "| alert accepted → e-mail accepted, p99 ≤ 1 s at that rate | %,.0f ms%s | %s |%n",
                deliveries.isEmpty() ? "not measured" : String.format(Locale.ROOT, "%.2f ×", Stats.median(ratios())),
                deliveries.isEmpty() ? "" : FiguresSection.met(ratioMet()), c.alertsPerSecond(), e.rate(),
                FiguresSection.met(rateReached()),
                e.millis(99), e.emailsMissing() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,d incidents without an e-mail)", e.emailsMissing()),
                FiguresSection.met(p99Met() && rateReached())));
    }

    private static void stage(StringBuilder b, String label, EndToEnd e, ToLongFunction<Timeline> part) {
        long[] micros = e.timelines().stream().mapToLong(part).toArray();
        b.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f |%n", label, percentileMillis(micros, 50),
                percentileMillis(micros, 99)));
    }

    void writeInto(Path doc) throws IOException {
        FiguresSection.write(doc, BEGIN, END, "### Notification figures", markdown());
    }

    /** A short summary for the console. */
    String console() {
        StringBuilder b = new StringBuilder();
        if (!deliveries.isEmpty()) {
            b.append(String.format(Locale.ROOT, "delivery: notification %,.0f e-mails/s, raw SMTP %,.0f/s, ratio %s;"
                    + " target >= 0.5x: %s; every e-mail right: %s%n",
                    Stats.median(deliveries.stream().mapToDouble(Delivery::vigilRate).toArray()),
                    Stats.median(deliveries.stream().mapToDouble(Delivery::rawRate).toArray()),
                    AgainstBaseline.medianAndRange(deliveries, 2, "-"), ratioMet() ? "met" : "MISSED",
                    allRight() ? "yes" : "NO"));
        }
        if (endToEnd != null) {
            EndToEnd e = endToEnd;
            b.append(String.format(Locale.ROOT, "end to end: %,.0f alerts/s of %,d; %,d incidents; alert accepted ->"
                    + " e-mail accepted p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms; rate: %s; p99 <= 1 s: %s%n",
                    e.rate(), context.alertsPerSecond(), e.incidents(), e.millis(50), e.millis(99), e.maxMillis(),
                    rateReached() ? "met" : "MISSED", p99Met() ? "met" : "MISSED"));
            b.append(windows(6).stream().map(w -> String.format(Locale.ROOT, "  %d-%d s: %,d incidents, p50 %,.0f ms,"
                    + " p99 %,.0f ms", w.fromSecond(), w.toSecond(), w.incidents(), w.p50Millis(), w.p99Millis()))
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        return b.toString();
    }
}
