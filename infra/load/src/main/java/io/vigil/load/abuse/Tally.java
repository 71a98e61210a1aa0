package io.vigil.load.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers of a run, counted by target and by status, with the time each target took to answer; the
 * unacceptable ones kept (the first hundred).
 */
public final class Tally {

    private static final int KEPT = 100;

    private final Map<String, LongAdder> byTarget = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanosByTarget = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<Mutation, LongAdder> byMutation = new ConcurrentHashMap<>();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final List<Answer> kept = new ArrayList<>();

    /** Counts {@code answer}, which came {@code nanos} after its request was sent. */
    public void add(Answer answer, long nanos) {
        byTarget.computeIfAbsent(answer.target(), k -> new LongAdder()).increment();
        nanosByTarget.computeIfAbsent(answer.target(), k -> new LongAdder()).add(nanos);
        byStatus.computeIfAbsent(answer.status(), k -> new LongAdder()).increment();
        byMutation.computeIfAbsent(answer.mutation(), k -> new LongAdder()).increment();
        if (answer.status() >= 500) {
            serverErrors.increment();
        }
        if (!answer.acceptable()) {
            faults.increment();
            synchronized (kept) {
                if (kept.size() < KEPT) {
                    kept.add(answer);
                }
            }
        }
    }

    public long total() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long serverErrors() {
        return serverErrors.sum();
    }

    /** Answers that are a 5xx, a 4xx without a problem+json, or no answer at all. */
    public long faults() {
        return faults.sum();
    }

    public List<Answer> keptFaults() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    public Map<String, Long> byTarget() {
        return sums(byTarget);
    }

    /** The time spent waiting for each target's answers, in all. */
    public Map<String, Long> nanosByTarget() {
        return sums(nanosByTarget);
    }

    /**
     * The {@code n} targets whose answers took the most time in all, most first, each with its answers,
     * their mean time in milliseconds and its share of all answer time: where the senders' time went.
     */
    public List<String> slowest(int n) {
        Map<String, Long> nanos = nanosByTarget();
        Map<String, Long> counts = byTarget();
        double all = Math.max(1, nanos.values().stream().mapToLong(Long::longValue).sum());
        return nanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> String.format(Locale.ROOT, "%-78s %,9d answers, mean %,8.1f ms, %5.1f %% of the time",
                        e.getKey(), counts.getOrDefault(e.getKey(), 0L),
                        e.getValue() / 1e6 / Math.max(1, counts.getOrDefault(e.getKey(), 0L)), 100 * e.getValue() / all))
                .toList();
    }

    public Map<Integer, Long> byStatus() {
        return sums(byStatus);
    }

    public Map<Mutation, Long> byMutation() {
        return sums(byMutation);
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> counts) {
        Map<K, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
