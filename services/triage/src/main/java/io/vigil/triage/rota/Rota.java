package io.vigil.triage.rota;

import io.vigil.triage.deadline.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.FlushMode;
import org.hibernate.jpa.HibernateHints;

/**
 * The out-of-hours rota: outside school hours (evenings, weekends, bank and term holidays), the staff
 * on call for the school are told of serious incidents and of escalations as well as the roles on
 * the incident's ladder. Restricted cases (about staff) never go to the rota: only their own ladder
 * may see them.
 */
@ApplicationScoped
public class Rota {

    /** How far ahead a {@link Snapshot} reads a trust's shifts at once. */
    static final Duration AHEAD = Duration.ofMinutes(1);

    @Inject
    Deadlines deadlines;

    /**
     * The staff on call for the school at {@code at}, or null when the rota does not apply (within
     * school hours, or a restricted case); an empty list means nobody is on the rota.
     */
    public List<String> onCall(String trustId, String schoolId, boolean restricted, Instant at) {
        if (restricted || deadlines.calendar().inSchoolHours(at)) {
            return null;
        }
        return OnCallShift.overlapping(trustId, Set.of(schoolId), at, at.plusMillis(1)).stream()
                .map(shift -> shift.staffId).distinct().toList();
    }

    /**
     * {@link #onCall} for many incidents of one transaction (the alerts of a poll): each trust's shifts
     * of the next minute are read once, when the first of its incidents needs them, and without
     * flushing the transaction's pending changes first (the alert path never changes the rota).
     */
    public Snapshot snapshot() {
        return new Snapshot();
    }

    /** The rota as one transaction reads it, trust by trust; see {@link #snapshot()}. */
    public final class Snapshot {

        private record Held(Instant from, Instant to, List<OnCallShift> shifts) {
        }

        private final Map<String, Held> byTrust = new HashMap<>();

        private Snapshot() {
        }

        /** Exactly what {@link Rota#onCall} answers for the same arguments. */
        public List<String> onCall(String trustId, String schoolId, boolean restricted, Instant at) {
            if (restricted || deadlines.calendar().inSchoolHours(at)) {
                return null;
            }
            Instant to = at.plusMillis(1);
            Held held = byTrust.get(trustId);
            if (held == null || at.isBefore(held.from()) || to.isAfter(held.to())) {
                Instant until = at.plus(AHEAD);
                held = new Held(at, until, OnCallShift.<OnCallShift>find("trustId = ?1 and removedAt is null "
                        + "and startsAt < ?3 and endsAt > ?2 order by startsAt, staffId", trustId, at, until)
                        .withHint(HibernateHints.HINT_FLUSH_MODE, FlushMode.COMMIT).list());
                byTrust.put(trustId, held);
            }
            // The shifts of the school and the trust-wide ones that overlap at–to, in the query's order.
            return held.shifts().stream()
                    .filter(s -> (s.schoolId == null || s.schoolId.equals(schoolId)) && s.startsAt.isBefore(to)
                            && s.endsAt.isAfter(at))
                    .map(s -> s.staffId).distinct().toList();
        }
    }
}
