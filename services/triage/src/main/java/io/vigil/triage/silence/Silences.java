package io.vigil.triage.silence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Optional;

/** Finds the silence, if any, that an alert falls under. */
@ApplicationScoped
public class Silences {

    /** The oldest silence in force that matches, so a repeated alert keeps falling under the same one. */
    public Optional<Silence> matching(Silence.Facts alert) {
        if (alert.category().illegalContent()) {
            return Optional.empty();
        }
        return Silence.current(alert.trustId(), alert.at()).stream()
                .filter(silence -> silence.matches(alert))
                .min(Comparator.comparing((Silence s) -> s.createdAt).thenComparing(s -> s.id));
    }
}
