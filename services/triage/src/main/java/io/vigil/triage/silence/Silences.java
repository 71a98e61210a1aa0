package io.vigil.triage.silence;

import io.vigil.triage.PolicyCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the silence, if any, that an alert falls under. A trust's silences that have not been expired
 * early and end after a point in time (a day before they were read, or a day before the oldest
 * alert matched since) are held in memory (see {@link PolicyCache}); an alert older than that point
 * reads them again, from a day before it.
 */
@ApplicationScoped
public class Silences {

    /** How far back the silences held in memory reach. */
    static final Duration HORIZON = Duration.ofDays(1);

    private record Held(Instant from, List<Silence> silences) {
    }

    @Inject
    PolicyCache cache;

    /** The oldest silence in force that matches, so a repeated alert keeps falling under the same one. */
    public Optional<Silence> matching(Silence.Facts alert) {
        if (alert.category().illegalContent()) {
            return Optional.empty();
        }
        Instant at = alert.at();
        Held held = cache.get("silences", alert.trustId(), h -> !at.isBefore(h.from()),
                () -> load(alert.trustId(), earliest(Instant.now(), at).minus(HORIZON)));
        return held.silences().stream()
                .filter(silence -> silence.matches(alert))
                .min(Comparator.comparing((Silence s) -> s.createdAt).thenComparing(s -> s.id));
    }

    /** Forgets the trust's silences once the current transaction commits (one was created or expired). */
    public void changed(String trustId) {
        cache.invalidateOnCommit("silences", trustId);
    }

    /** Every silence of the trust not expired early that ends after {@code from}: those that may match an alert since. */
    private static Held load(String trustId, Instant from) {
        return new Held(from, List.copyOf(Silence.<Silence>list("trustId = ?1 and expiredAt is null and endsAt > ?2",
                trustId, from)));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
