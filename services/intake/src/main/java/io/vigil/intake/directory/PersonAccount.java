package io.vigil.intake.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user name or device a learner or member of staff has on the school's appliances; a null
 * appliance id means any appliance of the school.
 */
@Entity
@Table(name = "person_account")
public class PersonAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "person_id", nullable = false)
    public String personId;

    /** {@code learner} or {@code staff}. */
    @Column(name = "person_kind", nullable = false)
    public String personKind;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "appliance_id")
    public String applianceId;

    public String username;

    @Column(name = "device_id")
    public String deviceId;
}
