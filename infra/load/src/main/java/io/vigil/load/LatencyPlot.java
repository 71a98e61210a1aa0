package io.vigil.load;

import java.util.List;
import java.util.Locale;

/**
 * An SVG chart of a long end-to-end run, drawn without a plotting library so the benchmark needs nothing
 * but the JDK: the p50 and p99 of alert accepted → e-mail accepted per time slice, with the target as a
 * dashed line, above the consumers' lag over the same time. Pure: the same series give the same picture.
 */
final class LatencyPlot {

    /** One time slice: its start (seconds into the run), the incidents timed in it, and their p50 and p99. */
    record Slice(double atSeconds, int incidents, double p50Millis, double p99Millis) {
    }

    /** One sample of the run's state: seconds into the run, records behind per consumer, memory per service. */
    record Sample(double atSeconds, long triageLag, long notificationLag, double intakeMiB, double triageMiB,
            double notificationMiB) {
    }

    /** The length of a time slice of the chart. */
    static final double SLICE_SECONDS = 10;
    static final int WIDTH = 900;
    static final int PANEL = 260;
    static final int GAP = 70;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 40;

    private LatencyPlot() {
    }

    /**
     * The incidents' latencies (first alert accepted → e-mail accepted) in slices of {@code sliceSeconds}
     * by when the first alert was accepted; a slice without incidents is left out.
     */
    static List<Slice> slices(List<NotificationReport.Timeline> timelines, double sliceSeconds) {
        java.util.TreeMap<Integer, java.util.List<Long>> bySlice = new java.util.TreeMap<>();
        for (NotificationReport.Timeline t : timelines) {
            int slice = (int) Math.floor(t.acceptedAfterStartMicros() / 1e6 / sliceSeconds);
            bySlice.computeIfAbsent(Math.max(0, slice), k -> new java.util.ArrayList<>())
                    .add(t.totalMicros());
        }
        List<Slice> slices = new java.util.ArrayList<>();
        bySlice.forEach((slice, micros) -> {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            slices.add(new Slice(slice * sliceSeconds, sorted.length, Stats.percentile(sorted, 50) / 1e3,
                    Stats.percentile(sorted, 99) / 1e3));
        });
        return slices;
    }

    /** The chart; {@code targetMillis} is drawn as a dashed line on the latency panel. */
    static String svg(String title, List<Slice> slices, List<Sample> samples, double lastSeconds,
            double targetMillis) {
        double runSeconds = axisSeconds(lastSeconds);
        double maxLatency = targetMillis;
        for (Slice s : slices) {
            maxLatency = Math.max(maxLatency, s.p99Millis());
        }
        double latencyTop = niceCeiling(maxLatency * 1.1);
        long maxLag = 10;
        for (Sample s : samples) {
            maxLag = Math.max(maxLag, Math.max(s.triageLag(), s.notificationLag()));
        }
        double lagTop = niceCeiling(maxLag * 1.1);
        int height = TOP + PANEL + GAP + PANEL + 50;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        int latencyPanel = TOP;
        int lagTopY = TOP + PANEL + GAP;
        axes(b, latencyPanel, runSeconds, latencyTop, "alert accepted → e-mail accepted (ms)");
        axes(b, lagTopY, runSeconds, lagTop, "records behind (consumer lag)");
        double targetY = y(latencyPanel, targetMillis, latencyTop);
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\""
                + " stroke-dasharray=\"6 4\"/>%n", LEFT, targetY, WIDTH - RIGHT, targetY));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#c00\" text-anchor=\"end\">target p99 %s ms</text>%n",
                WIDTH - RIGHT - 4, targetY - 4, number(targetMillis)));
        polyline(b, slices.stream().map(s -> point(s.atSeconds(), s.p50Millis(), runSeconds, latencyPanel, latencyTop))
                .toList(), "#1f77b4");
        polyline(b, slices.stream().map(s -> point(s.atSeconds(), s.p99Millis(), runSeconds, latencyPanel, latencyTop))
                .toList(), "#ff7f0e");
        polyline(b, samples.stream().map(s -> point(s.atSeconds(), s.triageLag(), runSeconds, lagTopY, lagTop))
                .toList(), "#2ca02c");
        polyline(b, samples.stream().map(s -> point(s.atSeconds(), s.notificationLag(), runSeconds, lagTopY, lagTop))
                .toList(), "#9467bd");
        legend(b, latencyPanel + 14, new String[] {"p50", "p99"}, new String[] {"#1f77b4", "#ff7f0e"});
        legend(b, lagTopY + 14, new String[] {"triage (alerts)", "notification (incident events)"},
                new String[] {"#2ca02c", "#9467bd"});
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds into the measured run</text>%n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, height - 10));
        return b.append("</svg>\n").toString();
    }

    /** The x and y of a value in a panel whose top is {@code top} and whose y axis ends at {@code yMax}. */
    static String point(double atSeconds, double value, double runSeconds, int top, double yMax) {
        double x = LEFT + (WIDTH - LEFT - RIGHT) * Math.min(1, Math.max(0, atSeconds / runSeconds));
        return String.format(Locale.ROOT, "%.1f,%.1f", x, y(top, value, yMax));
    }

    private static double y(int top, double value, double yMax) {
        return top + PANEL - PANEL * Math.min(1, Math.max(0, value / yMax));
    }

    /** The time axis's tick step: the smallest of a few round steps that gives at most 10 ticks. */
    static double tickStep(double seconds) {
        for (double step : new double[] {5, 10, 15, 30, 60, 120, 300, 600}) {
            if (seconds / step <= 10) {
                return step;
            }
        }
        return 1_200;
    }

    /** The time axis's end: the run's length rounded up to a whole tick. */
    static double axisSeconds(double runSeconds) {
        double step = tickStep(runSeconds);
        return Math.max(step, Math.ceil(runSeconds / step) * step);
    }

    /** The smallest of 1, 2 or 5 × a power of ten that is at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static void axes(StringBuilder b, int top, double runSeconds, double yMax, String label) {
        int bottom = top + PANEL;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#888\"/>%n", LEFT, top, WIDTH - LEFT - RIGHT, PANEL));
        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double y = y(top, value, yMax);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4, y + 4, number(value)));
        }
        double step = tickStep(runSeconds);
        for (double seconds = 0; seconds <= runSeconds + 1e-9; seconds += step) {
            double x = LEFT + (WIDTH - LEFT - RIGHT) * seconds / runSeconds;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    bottom + 16, number(seconds)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, top - 6, escape(label)));
    }

    private static void polyline(StringBuilder b, List<String> points, String colour) {
        if (points.isEmpty()) {
            return;
        }
        b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                colour, String.join(" ", points)));
    }

    private static void legend(StringBuilder b, int y, String[] names, String[] colours) {
        int x = LEFT + 10;
        for (int i = 0; i < names.length; i++) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"3\"/>%n", x, y, x + 20, y, colours[i]));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 26, y + 4,
                    escape(names[i])));
            x += 40 + names[i].length() * 7;
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
