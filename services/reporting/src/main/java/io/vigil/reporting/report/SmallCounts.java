package io.vigil.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * How figures are written in a report. A count from 1 to 4 could point at a child in a small school, so it is
 * written "fewer than 5" (0 stays 0), and so is anything derived from it that would give it away: a change
 * between two periods where either count is small, and a median or percentile over fewer than 5 incidents.
 * Where counts add up to a total the report shows, one small count alone could be worked out by subtraction,
 * so another count of the group is withheld with it ({@link #group}).
 */
final class SmallCounts {

    static final int THRESHOLD = 5;
    static final String FEWER_THAN_5 = "fewer than 5";
    /** A derived figure withheld because it rests on fewer than 5 incidents. */
    static final String WITHHELD = "not shown (fewer than 5)";
    static final String NONE = "none";
    /** A count withheld so that a small count of its group cannot be worked out from the group's total. */
    static final String PROTECTS = "not shown (protects a small count)";

    private SmallCounts() {
    }

    static boolean small(long count) {
        return count > 0 && count < THRESHOLD;
    }

    static String count(long count) {
        return small(count) ? FEWER_THAN_5 : Long.toString(count);
    }

    /**
     * The texts of a group of counts whose total the report shows: each as {@link #count}, and when exactly one
     * of them is small, the smallest of the others that is neither 0 nor small (the first of equals) written
     * {@link #PROTECTS}, so that the small one cannot be worked out as the total minus the others.
     */
    static List<String> group(List<Long> counts) {
        List<String> texts = new ArrayList<>(counts.stream().map(SmallCounts::count).toList());
        if (counts.stream().filter(SmallCounts::small).count() == 1) {
            int complement = -1;
            for (int i = 0; i < counts.size(); i++) {
                long n = counts.get(i);
                if (n >= THRESHOLD && (complement < 0 || n < counts.get(complement))) {
                    complement = i;
                }
            }
            if (complement >= 0) {
                texts.set(complement, PROTECTS);
            }
        }
        return texts;
    }

    /**
     * The change between two counts written {@code nowText} and {@code beforeText}: as {@link #change(long, long)},
     * but withheld as well when either count is, so that it cannot be worked out from the other and the change.
     */
    static String change(long now, String nowText, long before, String beforeText) {
        String change = change(now, before);
        return !WITHHELD.equals(change) && (PROTECTS.equals(nowText) || PROTECTS.equals(beforeText))
                ? PROTECTS : change;
    }

    /** The change from {@code before} to {@code now}: {@code +3}, {@code -2}, {@code 0}; withheld when either is small. */
    static String change(long now, long before) {
        if (small(now) || small(before)) {
            return WITHHELD;
        }
        long change = now - before;
        return change > 0 ? "+" + change : Long.toString(change);
    }

    /** A time over {@code measured} incidents: none, withheld under 5, else hours and minutes. */
    static String duration(long measured, Double seconds) {
        if (measured == 0 || seconds == null) {
            return NONE;
        }
        if (measured < THRESHOLD) {
            return WITHHELD;
        }
        long minutes = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + String.format("%02d", minutes % 60) + " min";
    }

    /** Hours to one decimal place, e.g. {@code 12.5}. */
    static String hours(BigDecimal seconds) {
        return seconds.divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP).toPlainString();
    }
}
