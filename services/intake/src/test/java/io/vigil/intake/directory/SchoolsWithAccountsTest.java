package io.vigil.intake.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.QueryPlans;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Which schools have directory accounts, reloaded every few seconds on each replica: found for an account
 * that names only a user and for one that names only a device, not for a school without accounts, and
 * without reading the accounts table through.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SchoolsWithAccountsTest {

    @Inject
    EntityManager entityManager;

    @Inject
    DataSource dataSource;

    @Test
    void schoolsWithAUserOrADeviceAccountAreFoundAndOthersAreNot() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String byUser = "users-" + suffix;
        String byDevice = "devices-" + suffix;
        String without = "none-" + suffix;
        QuarkusTransaction.requiringNew().run(() -> {
            for (String school : List.of(byUser, byDevice, without)) {
                entityManager.createNativeQuery("insert into school (id, trust_id, name) "
                        + "values (?1, 'trust-' || ?2, ?1)").setParameter(1, school).setParameter(2, suffix)
                        .executeUpdate();
            }
            account(byUser, "jo.bloggs", null);
            account(byDevice, null, "DEVICE-7");
        });

        @SuppressWarnings("unchecked")
        List<String> found = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery(DirectoryLookup.SCHOOLS_WITH_ACCOUNTS).getResultList());

        assertThat(found).contains(byUser, byDevice).doesNotContain(without);
    }

    @Test
    void theReloadProbesTheResolutionIndexesInsteadOfReadingEveryAccount() {
        String plan = QueryPlans.withoutSequentialScans(dataSource, DirectoryLookup.SCHOOLS_WITH_ACCOUNTS);

        assertThat(plan).contains("person_account_username", "person_account_device")
                .doesNotContain("Seq Scan on person_account");
    }

    private void account(String school, String username, String device) {
        entityManager.createNativeQuery("insert into person_account (person_id, person_kind, school_id, username, "
                + "device_id) values (?1, 'learner', ?2, ?3, ?4)")
                .setParameter(1, "p-" + school).setParameter(2, school).setParameter(3, username)
                .setParameter(4, device).executeUpdate();
    }
}
