package io.vigil.reporting.kpi;

import java.util.List;

/** PostgreSQL's {@code percentile_cont}, written out: linear interpolation between the sorted values. */
final class Percentiles {

    private Percentiles() {
    }

    /** The {@code fraction} percentile of the values; null for none. */
    static Double continuous(List<Long> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        double position = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.size() - 1);
        double weight = position - below;
        return sorted.get(below) + weight * (sorted.get(above) - sorted.get(below));
    }
}
