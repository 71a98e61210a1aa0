package io.vigil.intake.quarantine;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps input that could not be read (an unknown line, a line over a limit, a row that is not
 * valid) with the reason, for trust administrators, and counts it in metrics. Listeners only
 * enqueue, never wait for the database: a background flush writes batches. The queue is bounded;
 * when a flood overflows it, what does not fit is counted as dropped, never blocking the listener.
 */
@ApplicationScoped
public class Quarantine {

    private static final Logger LOG = Logger.getLogger(Quarantine.class);
    static final int EXCERPT_LENGTH = 1024;
    static final int REASON_LENGTH = 500;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "vigil.intake.quarantine.queue-capacity", defaultValue = "10000")
    int capacity;

    @ConfigProperty(name = "vigil.intake.quarantine.keep-for", defaultValue = "30d")
    Duration keepFor;

    private final Queue<QuarantinedInput> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** Every channel's counters from zero, so a rate over them is defined before the first failure. */
    void registerCounters(@Observes StartupEvent event) {
        for (String channel : InputChannel.ALL) {
            metrics.counter("vigil.intake.quarantined", "channel", channel);
            metrics.counter("vigil.intake.quarantine.overflow", "channel", channel);
        }
    }

    /** Quarantines one input; never blocks. */
    public void add(String channel, String sourceAddress, String applianceId, String schoolId, String reason,
            String input) {
        metrics.counter("vigil.intake.quarantined", "channel", channel).increment();
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            metrics.counter("vigil.intake.quarantine.overflow", "channel", channel).increment();
            return;
        }
        QuarantinedInput entry = new QuarantinedInput();
        entry.receivedAt = clock.instant();
        entry.channel = channel;
        entry.sourceAddress = sourceAddress;
        entry.applianceId = applianceId;
        entry.schoolId = schoolId;
        entry.reason = printable(reason == null ? "unknown" : reason, REASON_LENGTH);
        entry.excerpt = printable(input == null ? "" : input, EXCERPT_LENGTH);
        pending.add(entry);
    }

    @Scheduled(every = "${vigil.intake.quarantine.flush-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        flush();
    }

    /** Writes what is queued; returns how many entries were written. */
    public synchronized int flush() {
        List<QuarantinedInput> batch = new ArrayList<>();
        QuarantinedInput next;
        while (batch.size() < 1000 && (next = pending.poll()) != null) {
            size.decrementAndGet();
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(entry -> entry.persist()));
        }
        return batch.size();
    }

    @Scheduled(cron = "${vigil.intake.quarantine.purge-cron:0 17 3 * * ?}")
    void purge() {
        Instant before = clock.instant().minus(keepFor);
        long purged = QuarkusTransaction.requiringNew().call(() -> QuarantinedInput.delete("receivedAt < ?1", before));
        LOG.infof("Purged %d quarantined inputs received before %s", purged, before);
    }

    @PreDestroy
    void drain() {
        try {
            while (flush() > 0) {
                // keep writing until the queue is empty
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not write %d quarantined inputs at shutdown: %s", size.get(), e.getMessage());
        }
    }

    /** Cuts to length and replaces control characters, so an excerpt is safe to show and store. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u0000' ? '\u00b7' : c);
        }
        return out.toString();
    }

    /** For tests: how many inputs wait to be written. */
    public int pending() {
        return size.get();
    }
}
