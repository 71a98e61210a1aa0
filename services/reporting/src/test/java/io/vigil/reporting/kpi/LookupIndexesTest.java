package io.vigil.reporting.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.QueryPlans;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Look-ups that run often or over tables that only grow, in the shape reporting runs them: each can use
 * an index instead of reading its table through. Sequential scans are priced out, so a plan that still
 * reads the table through means no index serves the query.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class LookupIndexesTest {

    @Inject
    DataSource dataSource;

    @Test
    void theGaugesReadTheIncidentsOpenedInTheirPeriodOfEveryTrustThroughAnIndex() {
        assertThat(plan("select count(acknowledged_at) from incident_register where true and opened_at >= now()"
                + " - interval '30 days' and opened_at < now() and closed_at is not null"))
                .contains("incident_register_opened").doesNotContain("Seq Scan");
    }

    @Test
    void theGaugesReadTheNotificationsSettledInTheirPeriodThroughAnIndex() {
        assertThat(plan("select count(*) from notification_outcome where true and state in ('delivered', 'failed')"
                + " and settled_at >= now() - interval '30 days' and settled_at < now()"))
                .contains("notification_outcome_settled").doesNotContain("Seq Scan");
    }

    @Test
    void anIncidentsNotificationsAreFoundThroughAnIndex() {
        assertThat(plan("select notification_id from notification_outcome where incident_id in ('a', 'b')"))
                .contains("notification_outcome_incident").doesNotContain("Seq Scan");
    }

    private String plan(String query) {
        return QueryPlans.withoutSequentialScans(dataSource, query);
    }
}
