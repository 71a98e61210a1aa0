package io.vigil.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one triage benchmark run: correlation throughput divided by the raw consumer's of the
 * same repetition, checked against the incidents the alerts must make, and the latency of case status
 * changes at each size of the incident table. Written between their own markers in
 * {@code docs/performance.md}, beside intake's.
 */
final class TriageReport {

    static final String BEGIN = "<!-- triage-figures:begin (written by infra/load/run.sh triage; edit around, not inside) -->";
    static final String END = "<!-- triage-figures:end -->";

    /** Correlation must reach half the raw consumer's rate. */
    static final double RATIO_TARGET = 0.5;
    /** Status changes: p99 at most this, at every size… */
    static final double P99_TARGET_MILLIS = 50;
    /** …and the p99 at the largest size at most this many times the p99 at the smallest. */
    static final double P99_GROWTH_TARGET = 2;

    /** What the run was and where it ran. */
    record Context(String command, String date, String machine, int alerts, int warmupAlerts, int repetitions,
            String mix, int cases, int clients, int eventBytes) {
    }

    /**
     * One repetition of the correlation phase.
     *
     * @param rawSeconds the raw consumer's first record to its last
     * @param triageSeconds the first of the repetition's records sent to triage's database holding every
     *     alert in an incident (committed, with the events it publishes)
     * @param offsetsSeconds the same start to triage's committed offsets reaching the end (later by up to
     *     the connector's commit interval)
     * @param rawCpuSeconds CPU used by the benchmark process while the raw consumer read (timed read only)
     * @param triageCpuSeconds CPU used by triage over {@code triageSeconds}
     * @param postgresCpuSeconds CPU used by PostgreSQL over {@code triageSeconds}
     */
    record Correlation(int repetition, long alerts, double rawSeconds, double triageSeconds, double offsetsSeconds,
            double rawCpuSeconds, double triageCpuSeconds, double postgresCpuSeconds, long expectedIncidents,
            long incidents, long expectedAlerts, long alertsInIncidents) implements AgainstBaseline {

        double rawRate() {
            return alerts / rawSeconds;
        }

        double triageRate() {
            return alerts / triageSeconds;
        }

        @Override
        public double ratio() {
            return triageRate() / rawRate();
        }

        /** CPU milliseconds per 1,000 alerts. */
        double perThousand(double cpuSeconds) {
            return cpuSeconds * 1e6 / alerts;
        }

        @Override
        public boolean right() {
            return expectedIncidents == incidents && expectedAlerts == alertsInIncidents;
        }
    }

    /** Status changes at one size of the incident table. */
    record CaseChangesAt(long incidents, double fillSeconds, long changes, double seconds, long[] sortedLatencies,
            Map<Integer, Long> failures) {

        double millis(double percentile) {
            return sortedLatencies.length == 0 ? Double.NaN : Stats.percentile(sortedLatencies, percentile) / 1e6;
        }

        double maxMillis() {
            return sortedLatencies.length == 0 ? Double.NaN : sortedLatencies[sortedLatencies.length - 1] / 1e6;
        }

        double rate() {
            return changes / seconds;
        }
    }

    private final Context context;
    private final List<Correlation> correlations;
    private final List<CaseChangesAt> caseChanges;

    TriageReport(Context context, List<Correlation> correlations, List<CaseChangesAt> caseChanges) {
        this.context = context;
        this.correlations = correlations;
        this.caseChanges = caseChanges;
    }

    double[] ratios() {
        return AgainstBaseline.ratios(correlations);
    }

    boolean ratioMet() {
        return AgainstBaseline.medianAtLeast(correlations, RATIO_TARGET);
    }

    boolean allRight() {
        return AgainstBaseline.allRight(correlations);
    }

    /** The p99 at the largest size divided by the p99 at the smallest. */
    double p99Growth() {
        if (caseChanges.size() < 2) {
            return Double.NaN;
        }
        return caseChanges.get(caseChanges.size() - 1).millis(99) / caseChanges.get(0).millis(99);
    }

    boolean p99Met() {
        return !caseChanges.isEmpty() && caseChanges.stream().allMatch(c -> c.millis(99) <= P99_TARGET_MILLIS);
    }

    boolean flatMet() {
        return p99Growth() <= P99_GROWTH_TARGET;
    }

    /** The tables in Markdown. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        Context c = context;
        b.append(String.format(Locale.ROOT, "Run of %s on %s: `%s`.%n%n", c.date(), c.machine(), c.command()));
        if (!correlations.isEmpty()) {
            b.append(String.format(Locale.ROOT, "**Correlation.** %,d `AlertReceived` events (%,d bytes each on"
                    + " average) per repetition, %d repetition(s); %s. Triage is started once and warmed up (JIT) on"
                    + " %,d alerts of other schools, untimed; each repetition then publishes its alerts to the running"
                    + " process and is timed from the first record sent to triage's database holding every alert in"
                    + " an incident; the raw consumer then reads the same records twice, the second read timed."
                    + " Rates are the median of the repetitions; the ratio is each repetition's triage rate divided by"
                    + " the raw consumer's rate of the same repetition, as median (min–max).%n%n", c.alerts(),
                    c.eventBytes(), correlations.size(), c.mix(), c.warmupAlerts()));
            b.append("| path | median rate | × raw consume | target | met |\n|---|---:|---|---|---|\n");
            double[] raw = correlations.stream().mapToDouble(Correlation::rawRate).toArray();
            double[] triage = correlations.stream().mapToDouble(Correlation::triageRate).toArray();
            b.append(String.format(Locale.ROOT, "| raw consume (KafkaConsumer + JSON decode) | %,.0f alerts/s | 1.00"
                    + " | baseline | |%n", Stats.median(raw)));
            b.append(String.format(Locale.ROOT, "| triage, alerts correlated into incidents | %,.0f alerts/s |"
                    + " %s | ≥ 0.5 × raw | %s |%n%n", Stats.median(triage),
                    AgainstBaseline.medianAndRange(correlations, 3, "–"), FiguresSection.met(ratioMet())));
            b.append("| repetition | raw s | raw alerts/s | triage s | triage alerts/s | × raw | offsets committed s"
                    + " | incidents (expected / in triage) | alerts in them (expected / in triage) | right |\n");
            b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (Correlation r : correlations) {
                b.append(String.format(Locale.ROOT, "| %d | %.2f | %,.0f | %.1f | %,.0f | %.3f | %.1f | %,d / %,d |"
                        + " %,d / %,d | %s |%n", r.repetition(), r.rawSeconds(), r.rawRate(), r.triageSeconds(),
                        r.triageRate(), r.ratio(), r.offsetsSeconds(), r.expectedIncidents(), r.incidents(),
                        r.expectedAlerts(), r.alertsInIncidents(), r.right() ? "yes" : "**NO**"));
            }
            b.append("\nCPU per 1,000 alerts (process CPU time over the timed stretch; the machine's other work"
                    + " is not in it):\n\n| repetition | raw consumer ms | triage ms | PostgreSQL ms |"
                    + " triage + PostgreSQL × raw consumer |\n|---:|---:|---:|---:|---:|\n");
            for (Correlation r : correlations) {
                b.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %.1f |%n", r.repetition(),
                        r.perThousand(r.rawCpuSeconds()), r.perThousand(r.triageCpuSeconds()),
                        r.perThousand(r.postgresCpuSeconds()),
                        (r.triageCpuSeconds() + r.postgresCpuSeconds()) / r.rawCpuSeconds()));
            }
            b.append('\n');
        }
        if (!caseChanges.isEmpty()) {
            b.append(String.format(Locale.ROOT, "**Case status changes.** At each size, %,d open cases of the demo"
                    + " school each acknowledged, closed and reopened (%,d changes) over HTTP by %d clients with"
                    + " `north.dsl`'s token; latency per request.%n%n", c.cases(), CaseChanges.changes(c.cases()),
                    c.clients()));
            b.append("| incidents stored | filled in (s) | status changes | changes/s | p50 ms | p99 ms | max ms |"
                    + " not 200 |\n|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (CaseChangesAt s : caseChanges) {
                b.append(String.format(Locale.ROOT, "| %,d | %.1f | %,d | %,.0f | %.1f | %.1f | %.1f | %s |%n",
                        s.incidents(), s.fillSeconds(), s.changes(), s.rate(), s.millis(50), s.millis(99),
                        s.maxMillis(), s.failures().isEmpty() ? "none" : s.failures().toString()));
            }
            b.append(String.format(Locale.ROOT, "%n| target | measured | met |%n|---|---|---|%n"
                    + "| p99 ≤ 50 ms at every size | %s | %s |%n"
                    + "| p99 at the largest size ≤ 2 × p99 at the smallest | %.2f × | %s |%n",
                    caseChanges.stream().map(s -> String.format(Locale.ROOT, "%.1f ms", s.millis(99)))
                            .collect(Collectors.joining(", ")), FiguresSection.met(p99Met()), p99Growth(),
                    FiguresSection.met(flatMet())));
        }
        return b.toString();
    }

    void writeInto(Path doc) throws IOException {
        FiguresSection.write(doc, BEGIN, END, "## Triage figures", markdown());
    }

    /** A short summary for the console. */
    String console() {
        StringBuilder b = new StringBuilder();
        if (!correlations.isEmpty()) {
            b.append(String.format(Locale.ROOT, "correlation: triage %,.0f alerts/s, raw consume %,.0f/s, ratio %s;"
                    + " target >= 0.5x: %s; incidents right: %s%n",
                    Stats.median(correlations.stream().mapToDouble(Correlation::triageRate).toArray()),
                    Stats.median(correlations.stream().mapToDouble(Correlation::rawRate).toArray()),
                    AgainstBaseline.medianAndRange(correlations, 3, "-"), ratioMet() ? "met" : "MISSED",
                    allRight() ? "yes" : "NO"));
        }
        for (CaseChangesAt s : caseChanges) {
            b.append(String.format(Locale.ROOT, "status changes at %,d incidents: p50 %.1f ms, p99 %.1f ms, max %.1f"
                    + " ms, %,.0f/s%s%n", s.incidents(), s.millis(50), s.millis(99), s.maxMillis(), s.rate(),
                    s.failures().isEmpty() ? "" : ", not 200: " + s.failures()));
        }
        if (!caseChanges.isEmpty()) {
            b.append(String.format(Locale.ROOT, "targets: p99 <= 50 ms: %s; p99 growth %.2fx <= 2x: %s%n",
                    p99Met() ? "met" : "MISSED", p99Growth(), flatMet() ? "met" : "MISSED"));
        }
        return b.toString();
    }
}
