package io.vigil.intake.appliance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.vigil.intake.silence.SilentSources;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each appliance was last heard from. The alert path only notes it in memory; a periodic
 * flush writes the latest time per appliance, so a burst of alerts costs one row update, not one each.
 */
@ApplicationScoped
public class LastSeen {

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    @Inject
    EntityManager entityManager;

    public void touch(String applianceId, Instant when) {
        pending.merge(applianceId, when, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Inject
    SilentSources silentSources;

    @Inject
    Clock clock;

    /** Writes the pending times; appliances that had been silent are reported as resumed. */
    @Scheduled(every = "${vigil.intake.last-seen-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        pending.keySet().forEach(id -> {
            Instant seen = pending.remove(id);
            if (seen != null) {
                batch.put(id, seen);
            }
        });
        if (batch.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            batch.forEach((id, seen) -> entityManager.createNativeQuery(
                    "update appliance set last_seen_at = greatest(coalesce(last_seen_at, ?2), ?2) where id = ?1")
                    .setParameter(1, id).setParameter(2, seen).executeUpdate());
            silentSources.heardFrom(batch.keySet(), clock.instant());
        });
    }
}
