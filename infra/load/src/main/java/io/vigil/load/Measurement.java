package io.vigil.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One timed run of one phase.
 *
 * @param phase what was measured
 * @param repetition 1, 2, 3…
 * @param count records, alerts or requests that completed
 * @param seconds wall time of the run
 * @param sortedLatencies per-request latencies in nanoseconds, ascending; empty where there are no requests
 * @param failures answers other than success, by status
 * @param cpu where the CPU went meanwhile
 */
record Measurement(Phase phase, int repetition, long count, double seconds, long[] sortedLatencies,
        Map<Integer, Long> failures, CpuUse cpu) {

    double rate() {
        return count / seconds;
    }

    /**
     * CPU seconds used during the run by each process (each service measured, by name), and the busy share
     * of the whole machine (which includes anything else running on it).
     */
    record CpuUse(Map<String, Double> services, double broker, double postgres, double generator,
            double machineBusy) {

        CpuUse {
            services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        }

        /** The CPU seconds of one service; 0 if it was not measured. */
        double service(String name) {
            return services.getOrDefault(name, 0.0);
        }

        double intake() {
            return service("intake");
        }
    }
}
