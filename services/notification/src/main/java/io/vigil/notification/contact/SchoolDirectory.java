package io.vigil.notification.contact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
