package io.vigil.notification.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.notification.NotificationTestStack;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every poll of incident events reads which of its incidents already have ledger rows. The ledger only
 * grows, so that look-up must be able to use an index on the incident rather than read every row.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class LedgerLookupTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theLedgerRowsOfAPollsIncidentsAreFoundThroughAnIndex() {
        String plan = QuarkusTransaction.requiringNew().call(() -> {
            // With sequential scans priced out, only a missing index leaves the planner no other way.
            entityManager.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> lines = entityManager.createNativeQuery("explain select notification_id from delivery "
                    + "where incident_id in ('incident-a', 'incident-b', 'incident-c')").getResultList();
            return String.join("\n", lines);
        });

        assertThat(plan).contains("delivery_incident").doesNotContain("Seq Scan");
    }
}
