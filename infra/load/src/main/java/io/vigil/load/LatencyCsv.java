package io.vigil.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Latency over time: one row per second of a run, with the requests answered in it and their p50, p99 and max. */
final class LatencyCsv {

    static final String HEADER = "repetition,second,requests,p50_ms,p99_ms,max_ms";

    private LatencyCsv() {
    }

    /** Rows for the samples of {@link ClientThreads.Outcome#samples()} (completion time, latency pairs). */
    static List<String> rows(int repetition, long[] samples) {
        int seconds = 0;
        for (int i = 0; i < samples.length; i += 2) {
            seconds = Math.max(seconds, (int) (samples[i] / 1_000_000_000L) + 1);
        }
        int[] counts = new int[seconds];
        for (int i = 0; i < samples.length; i += 2) {
            counts[(int) (samples[i] / 1_000_000_000L)]++;
        }
        long[][] bySecond = new long[seconds][];
        for (int s = 0; s < seconds; s++) {
            bySecond[s] = new long[counts[s]];
        }
        int[] filled = new int[seconds];
        for (int i = 0; i < samples.length; i += 2) {
            int s = (int) (samples[i] / 1_000_000_000L);
            bySecond[s][filled[s]++] = samples[i + 1];
        }
        List<String> rows = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            long[] latencies = bySecond[s];
            if (latencies.length == 0) {
                rows.add(String.format(Locale.ROOT, "%d,%d,0,,,", repetition, s));
                continue;
            }
            Arrays.sort(latencies);
            rows.add(String.format(Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%.2f", repetition, s, latencies.length,
                    Stats.percentile(latencies, 50) / 1e6, Stats.percentile(latencies, 99) / 1e6,
                    latencies[latencies.length - 1] / 1e6));
        }
        return rows;
    }
}
