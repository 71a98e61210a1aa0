package io.vigil.triage.rota;

import io.vigil.triage.deadline.Deadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The out-of-hours rota: outside school hours (evenings, weekends, bank and term holidays), the staff
 * on call for the school are told of serious incidents and of escalations as well as the roles on
 * the incident's ladder. Restricted cases (about staff) never go to the rota: only their own ladder
 * may see them.
 */
@ApplicationScoped
public class Rota {

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
}
