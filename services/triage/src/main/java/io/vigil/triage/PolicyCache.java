package io.vigil.triage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A trust's policy (its category mappings and silences) as the alert path reads it: loaded once per
 * trust and kind, kept for {@code vigil.triage.policy-cache.refresh}, and forgotten at once when this
 * replica commits a change to it. Another replica's change is seen within the refresh period; see
 * docs/architecture.md.
 */
@ApplicationScoped
public class PolicyCache {

    private record Entry(Object value, Instant loadedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a load that overlapped a change is not kept. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    @ConfigProperty(name = "vigil.triage.policy-cache.refresh", defaultValue = "5s")
    Duration refresh;

    @Inject
    TransactionSynchronizationRegistry synchronizations;

    private final Clock clock = Clock.systemUTC();

    /** The trust's value of this kind, loaded by {@code load} (in the caller's transaction) when absent or stale. */
    public <T> T get(String kind, String trustId, Supplier<T> load) {
        return get(kind, trustId, held -> true, load);
    }

    /**
     * The trust's value of this kind, loaded by {@code load} (in the caller's transaction) when
     * absent, stale, or not {@code usable} for the caller.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String kind, String trustId, Predicate<T> usable, Supplier<T> load) {
        String key = kind + "\n" + trustId;
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.loadedAt().plus(refresh)) && usable.test((T) entry.value())) {
            return (T) entry.value();
        }
        Long generation = generations.get(key);
        T value = load.get();
        if (Objects.equals(generation, generations.get(key))) {
            entries.put(key, new Entry(value, now));
        }
        return value;
    }

    /**
     * Forgets the trust's value now and again when the current transaction completes, so the alert
     * path never keeps what was read before the change committed.
     */
    public void invalidateOnCommit(String kind, String trustId) {
        String key = kind + "\n" + trustId;
        forget(key);
        if (synchronizations.getTransactionStatus() == Status.STATUS_ACTIVE) {
            synchronizations.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    forget(key);
                }
            });
        }
    }

    private void forget(String key) {
        generations.merge(key, 1L, Long::sum);
        entries.remove(key);
    }
}
