package io.vigil.notification.contact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalTime;

/** A school's name as messages show it. */
@Entity
@Table(name = "school")
public class SchoolDirectory extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(nullable = false)
    public String name;

    /** How parents and carers reach the school. */
    public String phone;

    public String email;

    /** Quiet hours (school's local time): non-urgent messages wait for the next school-day start. */
    @Column(name = "quiet_from")
    public LocalTime quietFrom;

    @Column(name = "quiet_until")
    public LocalTime quietUntil;

    /** {@code off}, {@code daily} or {@code weekly}: low-severity incidents gathered for the DSL. */
    @Column(nullable = false)
    public String digest = "off";
}
