package io.vigil.reporting.assurance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/** An entry of the filtering assurance register: its id, and the trust and school it belongs to. */
@MappedSuperclass
public abstract class SchoolEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;
}
