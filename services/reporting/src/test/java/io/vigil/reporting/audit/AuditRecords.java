package io.vigil.reporting.audit;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.stack.Endpoints;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit records published as a producing service publishes them, and what reporting made of them. */
public final class AuditRecords {

    /** Reporting may first be reading the audit records the build's earlier modules left on the topic. */
    static final Duration STORED_WITHIN = Duration.ofSeconds(120);

    private AuditRecords() {
    }

    public static AuditRecorded record(String trustId, String schoolId, String actor, String action, String resourceId,
            Instant occurredAt) {
        return new AuditRecorded(java.util.UUID.randomUUID().toString(), trustId, schoolId, "triage", actor, action,
                "incident", resourceId, "success", Map.of("channel", "test"), occurredAt);
    }

    /** Publishes the record to {@code vigil.audit.v1} with its audit id as event id, as {@code AuditTrail} does. */
    public static void publish(AuditRecorded record) {
        String key = record.schoolId() != null ? record.schoolId() : record.trustId();
        TopicProbe.send(Topics.AUDIT, key, EventCodec.encode(EventCodec.envelope(record.auditId(),
                "/vigil/" + record.service(),
                record, record.resourceId(), record.trustId(), record.schoolId(), null, record.occurredAt())));
    }

    /** The stored links about {@code resourceId}, in chain order, once there are {@code count} of them. */
    public static List<AuditEntry> awaitStored(String resourceId, int count) {
        await().atMost(STORED_WITHIN).until(() -> stored(resourceId).size() >= count);
        return stored(resourceId);
    }

    public static List<AuditEntry> stored(String resourceId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.list("resourceId = ?1 order by sequence",
                resourceId));
    }

    /**
     * A connection to the reporting database as the stack's superuser, for whom the append-only
     * triggers can be switched off: the tampering an attacker with the database's keys could do.
     */
    static Connection superuser() throws SQLException {
        Connection connection = DriverManager.getConnection(VigilStack.endpoints().jdbcUrl("reporting"),
                Endpoints.POSTGRES_SUPERUSER, "");
        try (var statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        return connection;
    }
}
