package io.vigil.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one report benchmark run: the trust-wide report's request time against the hand-written SQL
 * aggregate of the same repetition. Written between their own markers in {@code docs/performance.md}.
 */
final class ReportBenchReport {

    static final String BEGIN = "<!-- report-figures:begin (written by infra/load/run.sh report; edit around, not inside) -->";
    static final String END = "<!-- report-figures:end -->";
    /** Every trust-wide report request, JSON or PDF, within this. */
    static final double TARGET_SECONDS = 2.0;

    /** What the run was and where it ran. */
    record Context(String command, String date, String machine, int schools, int incidentsPerYear, long referrals,
            double fillSeconds, int warmup) {
    }

    /** One repetition: the SQL aggregate, then the report as JSON, then as PDF (seconds). */
    record Repetition(int repetition, double sqlSeconds, double jsonSeconds, double pdfSeconds) {

        /** The JSON report's time over the SQL aggregate's. */
        double ratio() {
            return jsonSeconds / sqlSeconds;
        }
    }

    private final Context context;
    private final List<Repetition> repetitions;

    ReportBenchReport(Context context, List<Repetition> repetitions) {
        if (repetitions.isEmpty()) {
            throw new IllegalArgumentException("no repetitions");
        }
        this.context = context;
        this.repetitions = repetitions;
    }

    double[] ratios() {
        return repetitions.stream().mapToDouble(Repetition::ratio).toArray();
    }

    double slowest() {
        return repetitions.stream().mapToDouble(r -> Math.max(r.jsonSeconds(), r.pdfSeconds())).max().orElseThrow();
    }

    boolean met() {
        return slowest() <= TARGET_SECONDS;
    }

    String markdown() {
        Context c = context;
        double[] sql = repetitions.stream().mapToDouble(Repetition::sqlSeconds).toArray();
        double[] json = repetitions.stream().mapToDouble(Repetition::jsonSeconds).toArray();
        double[] pdf = repetitions.stream().mapToDouble(Repetition::pdfSeconds).toArray();
        Stats.Range ratioRange = Stats.range(ratios());
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Run of %s on %s: `%s`.%n%n", c.date(), c.machine(), c.command()));
        b.append(String.format(Locale.ROOT, "One trust of %d schools with %,d incidents in 2023-24 and %,d in 2024-25"
                + " (%,d referrals), written into reporting's register in %.1f s; the trust safeguarding lead's"
                + " token lists all %d schools. %d warm-up rounds, then %d repetitions; times are the median"
                + " (min–max) of the repetitions, the ratio each repetition's JSON report over its SQL aggregate.%n%n",
                c.schools(), c.incidentsPerYear(), c.incidentsPerYear(), c.referrals(), c.fillSeconds(), c.schools(),
                c.warmup(), repetitions.size()));
        b.append("| request | median ms | min–max ms | × SQL aggregate |\n|---|---:|---:|---|\n");
        b.append(String.format(Locale.ROOT, "| hand-written SQL aggregate (JDBC, per school × category × severity)"
                + " | %.0f | %s | 1.00 (baseline) |%n", Stats.median(sql) * 1e3, range(sql)));
        b.append(String.format(Locale.ROOT, "| trust-wide report 2024-25, `format=json` | %.0f | %s | %.1f (%.1f–%.1f) |%n",
                Stats.median(json) * 1e3, range(json), Stats.median(ratios()), ratioRange.min(), ratioRange.max()));
        b.append(String.format(Locale.ROOT, "| trust-wide report 2024-25, `format=pdf` | %.0f | %s | %.1f |%n%n",
                Stats.median(pdf) * 1e3, range(pdf), Stats.median(pdf) / Stats.median(sql)));
        b.append(String.format(Locale.ROOT, "| target | measured | met |%n|---|---|---|%n"
                + "| every trust-wide report request ≤ %.0f s | slowest %.2f s | %s |%n", TARGET_SECONDS, slowest(),
                FiguresSection.met(met())));
        b.append("\n| repetition | SQL ms | JSON ms | × SQL | PDF ms |\n|---:|---:|---:|---:|---:|\n");
        for (Repetition r : repetitions) {
            b.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.1f | %.0f |%n", r.repetition(),
                    r.sqlSeconds() * 1e3, r.jsonSeconds() * 1e3, r.ratio(), r.pdfSeconds() * 1e3));
        }
        return b.toString();
    }

    private static String range(double[] seconds) {
        Stats.Range range = Stats.range(seconds);
        return String.format(Locale.ROOT, "%.0f–%.0f", range.min() * 1e3, range.max() * 1e3);
    }

    void writeInto(Path doc) throws IOException {
        FiguresSection.write(doc, BEGIN, END, "### Report figures", markdown());
    }
}
