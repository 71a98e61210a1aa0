package io.vigil.triage.rota;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One member of staff on call out of hours for a school (or every school of the trust) for a period. */
@Entity
@Table(name = "on_call_shift")
public class OnCallShift extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    /** Null: every school of the trust. */
    @Column(name = "school_id")
    public String schoolId;

    /** The directory id of the member of staff. */
    @Column(name = "staff_id", nullable = false)
    public String staffId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "added_by", nullable = false)
    public String addedBy;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "removed_by")
    public String removedBy;

    /** Shifts of the school (and the trust-wide ones) that overlap {@code from}–{@code to}, in order. */
    public static List<OnCallShift> overlapping(String trustId, java.util.Collection<String> schoolIds, Instant from,
            Instant to) {
        return list("trustId = ?1 and (schoolId is null or schoolId in ?2) and removedAt is null "
                + "and startsAt < ?4 and endsAt > ?3 order by startsAt, staffId", trustId, schoolIds, from, to);
    }
}
