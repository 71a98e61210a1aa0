package io.vigil.intake.school;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A school of a trust, as intake knows it: enough to stamp every alert with its tenancy. */
@Entity
@Table(name = "school")
public class School extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(nullable = false)
    public String name;

    /** Of these school ids, those that belong to {@code trustId}. */
    public static java.util.List<String> idsInTrust(java.util.Collection<String> schoolIds, String trustId) {
        return School.<School>list("id in ?1 and trustId = ?2", schoolIds, trustId).stream().map(school -> school.id)
                .toList();
    }
}
