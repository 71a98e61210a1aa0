package io.vigil.intake.webhook;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A token bucket per appliance, counted in alerts (a batch of 500 costs 500), so one misconfigured
 * appliance cannot crowd out a trust's others. Each intake replica keeps its own buckets: with N
 * replicas behind a balancer an appliance gets up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {

    @ConfigProperty(name = "vigil.intake.rate-limit.alerts-per-second", defaultValue = "500")
    double alertsPerSecond;

    @ConfigProperty(name = "vigil.intake.rate-limit.burst", defaultValue = "5000")
    double burst;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes {@code alerts} tokens for the appliance, or refuses with 429 and when to retry. */
    public void acquire(String applianceId, int alerts) {
        long waitSeconds = buckets.computeIfAbsent(applianceId, id -> new Bucket(burst))
                .take(alerts, alertsPerSecond, burst, System.nanoTime());
        if (waitSeconds > 0) {
            throw new ProblemException(Problem.of("rate-limited", "Too many alerts", 429,
                    "This appliance is over its rate of " + (long) alertsPerSecond + " alerts per second; retry after "
                            + waitSeconds + " s")).withRetryAfter(waitSeconds);
        }
    }

    /** Tokens left and when they were last topped up; synchronised per appliance. */
    static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens) {
            this.tokens = tokens;
            this.updatedNanos = System.nanoTime();
        }

        /** Takes the tokens and answers 0, or takes none and answers the whole seconds to wait. */
        synchronized long take(int wanted, double perSecond, double capacity, long nowNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) / 1e9 * perSecond);
            updatedNanos = nowNanos;
            if (wanted <= tokens) {
                tokens -= wanted;
                return 0;
            }
            // A request larger than the whole bucket waits for a full bucket and then empties it.
            double needed = Math.min(wanted, capacity);
            if (needed <= tokens) {
                tokens = 0;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((needed - tokens) / perSecond));
        }
    }
}
