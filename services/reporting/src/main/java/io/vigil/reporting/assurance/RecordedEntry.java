package io.vigil.reporting.assurance;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** An entry recorded once something was done (a check, a review sign-off): who recorded it and when. */
@MappedSuperclass
public abstract class RecordedEntry extends SchoolEntry {

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
