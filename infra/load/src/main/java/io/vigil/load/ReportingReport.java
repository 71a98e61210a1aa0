package io.vigil.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one reporting benchmark run: the incident projection's throughput (one warm reporting
 * process, timed from being let go over events waiting on the topic to its database holding them all)
 * divided by the raw consumer's of the same repetition, checked against what the events put in the
 * register. Written between their own markers in {@code docs/performance.md}.
 */
final class ReportingReport {

    static final String BEGIN = "<!-- reporting-figures:begin (written by infra/load/run.sh reporting; edit around, not inside) -->";
    static final String END = "<!-- reporting-figures:end -->";

    /** The projection must reach half the raw consumer's rate. */
    static final double RATIO_TARGET = 0.5;

    /** What the run was and where it ran. */
    record Context(String command, String date, String machine, int incidents, int warmupIncidents,
            int eventBytes) {
    }

    /**
     * One repetition.
     *
     * @param rawSeconds the raw consumer's first record to its last
     * @param reportingSeconds reporting, frozen while the events were published, let go ({@code kill -CONT})
     *     to its database marking the last event of every partition processed (committed with the register
     *     changes)
     * @param offsetsSeconds the same start to reporting's committed offsets reaching the end (later by up to
     *     the connector's commit interval)
     */
    record Projection(int repetition, long events, double rawSeconds, double reportingSeconds, double offsetsSeconds,
            long expectedIncidents, long incidents, long expectedClosed, long closed, long expectedReferrals,
            long referrals) implements AgainstBaseline {

        double rawRate() {
            return events / rawSeconds;
        }

        double reportingRate() {
            return events / reportingSeconds;
        }

        @Override
        public double ratio() {
            return reportingRate() / rawRate();
        }

        @Override
        public boolean right() {
            return expectedIncidents == incidents && expectedClosed == closed && expectedReferrals == referrals;
        }
    }

    private final Context context;
    private final List<Projection> projections;

    ReportingReport(Context context, List<Projection> projections) {
        this.context = context;
        this.projections = projections;
    }

    boolean ratioMet() {
        return AgainstBaseline.medianAtLeast(projections, RATIO_TARGET);
    }

    /** The tables in Markdown. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        Context c = context;
        b.append(String.format(Locale.ROOT, "Run of %s on %s: `%s`.%n%n", c.date(), c.machine(), c.command()));
        b.append(String.format(Locale.ROOT, "%,d incident histories per repetition (%,d events of %,d bytes on"
                + " average), %d repetition(s), one reporting process warmed up on %,d histories first. Rates are the median of the repetitions; the ratio is each"
                + " repetition's reporting rate divided by the raw consumer's rate of the same repetition, as median"
                + " (min–max).%n%n", c.incidents(), projections.isEmpty() ? 0 : projections.get(0).events(),
                c.eventBytes(), projections.size(), c.warmupIncidents()));
        b.append("| path | median rate | × raw consume | target | met |\n|---|---:|---|---|---|\n");
        double[] raw = projections.stream().mapToDouble(Projection::rawRate).toArray();
        double[] reporting = projections.stream().mapToDouble(Projection::reportingRate).toArray();
        b.append(String.format(Locale.ROOT, "| raw consume (KafkaConsumer + JSON decode) | %,.0f events/s | 1.00"
                + " | baseline | |%n", Stats.median(raw)));
        b.append(String.format(Locale.ROOT, "| reporting, incident events projected into the register | %,.0f"
                + " events/s | %s | ≥ 0.5 × raw | %s |%n%n", Stats.median(reporting),
                AgainstBaseline.medianAndRange(projections, 3, "–"), FiguresSection.met(ratioMet())));
        b.append("| repetition | raw s | raw events/s | reporting s | reporting events/s | × raw | offsets committed s"
                + " | incidents (expected / in the register) | closed | referrals | right |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Projection p : projections) {
            b.append(String.format(Locale.ROOT, "| %d | %.2f | %,.0f | %.2f | %,.0f | %.3f | %.1f | %,d / %,d |"
                    + " %,d / %,d | %,d / %,d | %s |%n", p.repetition(), p.rawSeconds(), p.rawRate(),
                    p.reportingSeconds(), p.reportingRate(), p.ratio(), p.offsetsSeconds(), p.expectedIncidents(),
                    p.incidents(), p.expectedClosed(), p.closed(), p.expectedReferrals(), p.referrals(), p.right() ? "yes" : "**NO**"));
        }
        return b.toString();
    }

    void writeInto(Path doc) throws IOException {
        FiguresSection.write(doc, BEGIN, END, "## Reporting figures", markdown());
    }

    /** A short summary for the console. */
    String console() {
        return String.format(Locale.ROOT, "projection: reporting %,.0f events/s, raw consume %,.0f/s, ratio %s;"
                + " target >= 0.5x: %s; register right: %s%n",
                Stats.median(projections.stream().mapToDouble(Projection::reportingRate).toArray()),
                Stats.median(projections.stream().mapToDouble(Projection::rawRate).toArray()),
                AgainstBaseline.medianAndRange(projections, 3, "-"), ratioMet() ? "met" : "MISSED",
                AgainstBaseline.allRight(projections) ? "yes" : "NO");
    }
}
