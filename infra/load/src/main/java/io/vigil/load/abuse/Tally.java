package io.vigil.load.abuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The answers of a run, counted by target and by status; the unacceptable ones kept (the first hundred). */
public final class Tally {

    private static final int KEPT = 100;

    private final Map<String, LongAdder> byTarget = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<Mutation, LongAdder> byMutation = new ConcurrentHashMap<>();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder faults = new LongAdder();
    private final List<Answer> kept = new ArrayList<>();

    public void add(Answer answer) {
        byTarget.computeIfAbsent(answer.target(), k -> new LongAdder()).increment();
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
