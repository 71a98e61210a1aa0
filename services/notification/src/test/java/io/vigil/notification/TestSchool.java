package io.vigil.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.common.demo.DemoTrust;
import io.vigil.notification.contact.SchoolContact;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * A school of the demo trust made for one test, with one configured contact per role at an address
 * of its own: a test can refuse or count its mail without touching the demo schools' people.
 */
public record TestSchool(String id, String name) {

    /** A new school with a contact for each of {@code roles}. */
    public static TestSchool create(EntityManager entityManager, List<String> roles) {
        String id = "sch-" + UUID.randomUUID();
        TestSchool school = new TestSchool(id, "Test School " + id.substring(4, 12));
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into school (id, trust_id, name) values (?1, ?2, ?3)")
                    .setParameter(1, id).setParameter(2, DemoTrust.TRUST_ID).setParameter(3, school.name())
                    .executeUpdate();
            for (String role : roles) {
                SchoolContact contact = new SchoolContact();
                contact.schoolId = id;
                contact.role = role;
                contact.email = school.email(role);
                contact.displayName = "Test " + role;
                contact.persist();
            }
        });
        return school;
    }

    /** The address of the school's contact for {@code role}. */
    public String email(String role) {
        return role + "." + id + "@school.demo.vigil.test";
    }
}
