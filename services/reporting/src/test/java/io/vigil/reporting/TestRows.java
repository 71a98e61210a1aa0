package io.vigil.reporting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.RegisterEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Register rows and notification outcomes written straight into reporting's database, for tests of what is
 * read from them (not of the projections that write them). Every id is random.
 */
public final class TestRows {

    private TestRows() {
    }

    /** An open, unrestricted, unsilenced incident of a staff concern (no appliance), about nobody named. */
    public static RegisterEntry incident(String trustId, String schoolId, Instant openedAt) {
        RegisterEntry entry = new RegisterEntry();
        entry.incidentId = UUID.randomUUID().toString();
        entry.trustId = trustId;
        entry.schoolId = schoolId;
        entry.category = "other";
        entry.fourCs = "";
        entry.severity = "low";
        entry.status = "open";
        entry.routedTo = "dsl";
        entry.routedRoles = "dsl";
        entry.alertCount = 1;
        entry.firstSeenAt = openedAt;
        entry.lastSeenAt = openedAt;
        entry.openedAt = openedAt;
        entry.updatedAt = openedAt;
        return entry;
    }

    /** A notification of an incident, settled ({@code delivered} or {@code failed}) at {@code settledAt}. */
    public static NotificationOutcome notification(String trustId, String schoolId, String channel, String state,
            Instant settledAt) {
        NotificationOutcome outcome = new NotificationOutcome();
        outcome.notificationId = UUID.randomUUID().toString();
        outcome.incidentId = UUID.randomUUID().toString();
        outcome.trustId = trustId;
        outcome.schoolId = schoolId;
        outcome.channel = channel;
        outcome.state = state;
        outcome.attempts = 1;
        outcome.requestedAt = settledAt.minusSeconds(1);
        outcome.settledAt = settledAt;
        return outcome;
    }

    /** Persists the rows in one transaction of their own. */
    public static void insert(Collection<? extends PanacheEntityBase> rows) {
        QuarkusTransaction.requiringNew().run(() -> rows.forEach(row -> row.persist()));
    }

    /** Whether the register holds any incident of the school opened in [from, to): a period a test can have alone. */
    public static boolean periodEmpty(String schoolId, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> RegisterEntry.count(
                "schoolId = ?1 and openedAt >= ?2 and openedAt < ?3", schoolId, from, to) == 0
                && NotificationOutcome.count("schoolId = ?1 and settledAt >= ?2 and settledAt < ?3", schoolId, from,
                        to) == 0);
    }
}
