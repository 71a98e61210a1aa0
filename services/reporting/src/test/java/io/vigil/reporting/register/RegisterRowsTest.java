package io.vigil.reporting.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * The projection's plain-SQL writes against the entity the rest of reporting reads: every column of a row
 * written by {@link RegisterRows} reads back the same through Hibernate, and an update writes every column
 * that changes and none that does not.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class RegisterRowsTest {

    /** The fields Hibernate's bytecode enhancement adds to an entity: not columns. */
    private static final String HIBERNATE = "\\$\\$_hibernate.*";

    @Inject
    EntityManager entityManager;

    @Test
    void everyColumnWrittenReadsBackThroughTheEntity() {
        // Nanoseconds on purpose: PostgreSQL keeps microseconds, and the row must hold them truncated.
        Instant at = Instant.parse("2026-03-04T10:15:30.123456789Z");
        RegisterEntry written = entry(at);

        inTransaction(connection -> RegisterRows.insert(connection, List.of(written)));

        RegisterEntry read = QuarkusTransaction.requiringNew().call(() -> RegisterEntry.findById(written.incidentId));
        assertThat(read).usingRecursiveComparison().ignoringFieldsMatchingRegexes(HIBERNATE)
                .isEqualTo(truncated(written));
        Map<String, RegisterEntry> found = QuarkusTransaction.requiringNew().call(() -> entityManager
                .unwrap(Session.class).doReturningWork(connection -> RegisterRows.find(connection,
                        Set.of(written.incidentId, "no-such-incident"))));
        assertThat(found).containsOnlyKeys(written.incidentId);
        assertThat(found.get(written.incidentId)).usingRecursiveComparison().ignoringFieldsMatchingRegexes(HIBERNATE)
                .isEqualTo(truncated(written));
    }

    @Test
    void anUpdateWritesTheChangingColumnsOnly() {
        Instant at = Instant.parse("2026-03-04T10:15:30.123456Z");
        RegisterEntry original = entry(at);
        inTransaction(connection -> RegisterRows.insert(connection, List.of(original)));

        RegisterEntry changed = entry(at);
        changed.incidentId = original.incidentId;
        // Columns fixed at opening: an update must leave them as they were.
        changed.trustId = "another-trust";
        changed.category = "gambling";
        changed.personId = null;
        // Columns that change.
        changed.severity = "critical";
        changed.status = "acknowledged";
        changed.alertCount = 12;
        changed.lastSeenAt = at.plusSeconds(300);
        changed.updatedAt = at.plusSeconds(301);
        changed.acknowledgedAt = null;
        changed.closedAt = null;
        changed.outcome = null;
        changed.parentContact = "approved";
        changed.parentContactReason = null;
        changed.escalations = 4;
        changed.sourceResumedAt = null;
        inTransaction(connection -> RegisterRows.update(connection, List.of(changed)));

        RegisterEntry read = QuarkusTransaction.requiringNew().call(() -> RegisterEntry.findById(original.incidentId));
        assertThat(read.trustId).isEqualTo(original.trustId);
        assertThat(read.category).isEqualTo(original.category);
        assertThat(read.personId).isEqualTo(original.personId);
        assertThat(read.severity).isEqualTo("critical");
        assertThat(read.status).isEqualTo("acknowledged");
        assertThat(read.alertCount).isEqualTo(12);
        assertThat(read.lastSeenAt).isEqualTo(at.plusSeconds(300));
        assertThat(read.updatedAt).isEqualTo(at.plusSeconds(301));
        assertThat(read.acknowledgedAt).isNull();
        assertThat(read.closedAt).isNull();
        assertThat(read.outcome).isNull();
        assertThat(read.parentContact).isEqualTo("approved");
        assertThat(read.parentContactReason).isNull();
        assertThat(read.escalations).isEqualTo(4);
        assertThat(read.sourceResumedAt).isNull();
    }

    @Test
    void referralsAreWrittenAndKnownAgainToTheMicrosecond() {
        Instant at = Instant.parse("2026-03-04T10:15:30.123456789Z");
        RegisterEntry entry = entry(at);
        Referral referral = new Referral();
        referral.eventId = UUID.randomUUID().toString();
        referral.incidentId = entry.incidentId;
        referral.agency = "lado";
        referral.referredAt = at;
        inTransaction(connection -> {
            RegisterRows.insert(connection, List.of(entry));
            RegisterRows.insertReferrals(connection, List.of(referral));
        });

        Set<String> known = QuarkusTransaction.requiringNew().call(() -> entityManager.unwrap(Session.class)
                .doReturningWork(connection -> RegisterRows.referralsOf(connection, Set.of(entry.incidentId))));
        assertThat(known).containsExactly(RegisterRows.referralKey(entry.incidentId, "lado", at));
        Referral stored = QuarkusTransaction.requiringNew().call(() -> Referral.findById(referral.eventId));
        assertThat(stored.referredAt).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void theStatementsArePlannedAgainAtEveryExecution() {
        RegisterEntry entry = entry(Instant.parse("2026-03-04T10:15:30Z"));
        Referral referral = new Referral();
        referral.incidentId = entry.incidentId;
        referral.agency = "mash";
        referral.referredAt = entry.openedAt;
        List<String> kept = QuarkusTransaction.requiringNew().call(() -> entityManager.unwrap(Session.class)
                .doReturningWork(connection -> {
                    RegisterRows.insert(connection, List.of(entry));
                    // More executions than the driver's threshold (5) for preparing a statement on the server.
                    for (int i = 0; i < 8; i++) {
                        referral.eventId = UUID.randomUUID().toString();
                        referral.referredAt = referral.referredAt.plusSeconds(1);
                        RegisterRows.find(connection, Set.of(entry.incidentId));
                        RegisterRows.disposedAmong(connection, Set.of(entry.incidentId));
                        RegisterRows.referralsOf(connection, Set.of(entry.incidentId));
                        RegisterRows.update(connection, List.of(entry));
                        RegisterRows.insertReferrals(connection, List.of(referral));
                    }
                    // What this connection's session keeps prepared on the server: a kept statement would run
                    // with a plan made without the ids it is given.
                    List<String> statements = new java.util.ArrayList<>();
                    try (var prepared = connection.createStatement();
                            var rs = prepared.executeQuery("select statement from pg_prepared_statements")) {
                        while (rs.next()) {
                            statements.add(rs.getString(1));
                        }
                    }
                    return statements;
                }));
        // The pooled connection may hold other statements of reporting prepared (Hibernate's lookups by key):
        // only those over the arrays of a poll are RegisterRows'.
        assertThat(kept).noneMatch(sql -> (sql.contains("any(") || sql.contains("unnest("))
                && (sql.contains("incident_register") || sql.contains("register_referral")
                        || sql.contains("retention_disposal")));
    }

    /** A row with every column set to something other than its default. */
    private static RegisterEntry entry(Instant at) {
        RegisterEntry e = new RegisterEntry();
        e.incidentId = UUID.randomUUID().toString();
        e.trustId = "rows-trust";
        e.schoolId = "rows-school";
        e.category = "self-harm";
        e.severity = "high";
        e.status = "closed";
        e.routedTo = "head";
        e.alertCount = 7;
        e.firstSeenAt = at;
        e.openedAt = at.plusSeconds(1);
        e.updatedAt = at.plusSeconds(2);
        e.fourCs = "content,conduct";
        e.sourceId = "rows-appliance";
        e.restricted = true;
        e.routedRoles = "head,trust-safeguarding-lead";
        e.silenced = true;
        e.personId = "rows-person";
        e.lastSeenAt = at.plusSeconds(3);
        e.acknowledgedAt = at.plusSeconds(4);
        e.closedAt = at.plusSeconds(5);
        e.outcome = "referred";
        e.parentContact = "withheld";
        e.parentContactReason = "police-advice";
        e.escalations = 2;
        e.sourceResumedAt = at.plusSeconds(6);
        return e;
    }

    private static RegisterEntry truncated(RegisterEntry e) {
        RegisterEntry t = entry(e.firstSeenAt.truncatedTo(ChronoUnit.MICROS));
        t.incidentId = e.incidentId;
        return t;
    }

    private interface Work {
        void run(Connection connection) throws java.sql.SQLException;
    }

    private void inTransaction(Work work) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.unwrap(Session.class).doWork(work::run));
    }
}
