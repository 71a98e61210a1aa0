package io.vigil.notification.demo;

import io.quarkus.runtime.StartupEvent;
import io.vigil.common.demo.DemoTrust;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the demo trust's schools and safeguarding contacts when {@code vigil.demo-data} is on,
 * standing in for the directory feed.
 */
@ApplicationScoped
public class DemoData {

    private static final List<String> NOTIFIED_ROLES = List.of("dsl", "deputy-dsl", "head", "trust-safeguarding-lead",
            "chair-of-governors");

    @ConfigProperty(name = "vigil.demo-data", defaultValue = "false")
    boolean enabled;

    @Inject
    EntityManager entityManager;

    @Transactional
    void load(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        DemoTrust.insertSchools(entityManager);
        for (DemoTrust.School school : DemoTrust.SCHOOLS) {
            for (String role : NOTIFIED_ROLES) {
                entityManager.createNativeQuery("insert into school_contact (school_id, role, email, display_name) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                        .setParameter(1, school.id()).setParameter(2, role).setParameter(3, school.email(role))
                        .setParameter(4, school.name() + " " + role)
                        .executeUpdate();
            }
        }
    }
}
