package io.vigil.load;

import java.util.List;
import java.util.Locale;

/**
 * One repetition of a path measured against a baseline measured beside it in the same repetition
 * (triage against a raw consumer, notification against a plain SMTP client): the ratio of the two rates,
 * and whether the path did the work it had to.
 */
interface AgainstBaseline {

    /** The path's rate divided by the baseline's rate of the same repetition. */
    double ratio();

    /** Whether the path did exactly the work expected of it. */
    boolean right();

    static double[] ratios(List<? extends AgainstBaseline> repetitions) {
        return repetitions.stream().mapToDouble(AgainstBaseline::ratio).toArray();
    }

    /** Whether there are repetitions and the median of their ratios is at least {@code target}. */
    static boolean medianAtLeast(List<? extends AgainstBaseline> repetitions, double target) {
        return !repetitions.isEmpty() && Stats.median(ratios(repetitions)) >= target;
    }

    static boolean allRight(List<? extends AgainstBaseline> repetitions) {
        return repetitions.stream().allMatch(AgainstBaseline::right);
    }

    /**
     * The median ratio and its spread, each with {@code decimals} decimals: "0.50 (0.25–1.00)", or with
     * {@code separator} "-" for the console.
     */
    static String medianAndRange(List<? extends AgainstBaseline> repetitions, int decimals, String separator) {
        double[] ratios = ratios(repetitions);
        Stats.Range range = Stats.range(ratios);
        String number = "%." + decimals + "f";
        return String.format(Locale.ROOT, number + " (" + number + separator + number + ")", Stats.median(ratios),
                range.min(), range.max());
    }
}
