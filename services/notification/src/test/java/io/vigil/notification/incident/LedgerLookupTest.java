package io.vigil.notification.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.notification.NotificationTestStack;
import io.vigil.testing.QueryPlans;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Look-ups over tables that only grow: every poll of incident events reads which of its incidents already
 * have ledger rows, and each digest the incidents gathered into it. Each must be able to use an index
 * rather than read every row.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class LedgerLookupTest {

    @Inject
    DataSource dataSource;

    @Test
    void theLedgerRowsOfAPollsIncidentsAreFoundThroughAnIndex() {
        assertThat(plan("select notification_id from delivery where incident_id in ('incident-a', 'incident-b')"))
                .contains("delivery_incident").doesNotContain("Seq Scan");
    }

    @Test
    void theIncidentsGatheredIntoADigestAreFoundThroughAnIndex() {
        assertThat(plan("select incident_id from digest_entry "
                + "where digest_id = '0190a5b4-0000-7000-8000-000000000000' order by opened_at, incident_id"))
                .contains("digest_entry_digest").doesNotContain("Seq Scan");
    }

    private String plan(String query) {
        return QueryPlans.withoutSequentialScans(dataSource, query);
    }
}
