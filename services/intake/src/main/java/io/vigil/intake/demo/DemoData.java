package io.vigil.intake.demo;

import io.quarkus.runtime.StartupEvent;
import io.vigil.common.demo.DemoTrust;
import io.vigil.intake.appliance.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Loads the demo trust's schools and appliances when {@code vigil.demo-data} is on. */
@ApplicationScoped
public class DemoData {

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
            String vendor = school.applianceId().substring(school.applianceId().lastIndexOf('-') + 1);
            entityManager.createNativeQuery("insert into appliance (id, school_id, vendor, kind, name, key_hash, key_prefix) "
                    + "values (?1, ?2, ?3, 'filtering', ?4, ?5, ?6) on conflict (id) do nothing")
                    .setParameter(1, school.applianceId()).setParameter(2, school.id()).setParameter(3, vendor)
                    .setParameter(4, school.name() + " web filter").setParameter(5, ApiKeys.hash(school.applianceKey()))
                    .setParameter(6, ApiKeys.displayPrefix(school.applianceKey()))
                    .executeUpdate();
        }
    }
}
