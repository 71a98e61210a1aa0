package io.vigil.load;

import java.util.Arrays;

/** Percentiles, medians and spreads of measurements; pure, so the figures in the report can be trusted. */
final class Stats {

    private Stats() {
    }

    /**
     * The nearest-rank percentile of {@code sorted} (ascending): the smallest value with at least
     * {@code p} per cent of the values at or below it. {@code p} is in (0, 100].
     */
    static long percentile(long[] sorted, int count, double p) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }

    static long percentile(long[] sorted, double p) {
        return percentile(sorted, sorted.length, p);
    }

    /** The median; the mean of the middle two for an even count. */
    static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Smallest and largest value. */
    record Range(double min, double max) {
    }

    static Range range(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        return new Range(Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow());
    }

    /** Each value divided by the baseline measured beside it (same repetition). */
    static double[] ratios(double[] values, double[] baselines) {
        if (values.length != baselines.length) {
            throw new IllegalArgumentException(values.length + " values but " + baselines.length + " baselines");
        }
        double[] ratios = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            ratios[i] = values[i] / baselines[i];
        }
        return ratios;
    }
}
