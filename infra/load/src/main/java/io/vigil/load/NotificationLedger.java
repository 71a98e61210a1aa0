package io.vigil.load;

import io.vigil.stack.Endpoints;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Notification's delivery ledger ({@code delivery} in its own database): a row per message to one person,
 * {@code sent} once the SMTP server accepted it. Notification stamps {@code updated_at} with its clock (the
 * machine's) as it records the server's acceptance, just after the reply to {@code DATA}.
 */
final class NotificationLedger implements AutoCloseable {

    /** Where the messages about some incidents stand; {@code lastSentAt} is null while none is sent. */
    record Progress(long rows, long sent, long failed, Instant lastSentAt) {

        boolean settled() {
            return rows > 0 && sent + failed == rows;
        }
    }

    /** What one incident's message said, to whom, and how many people it went to. */
    record Sample(String recipient, String subject, String body, int recipients) {
    }

    private final Connection db;

    NotificationLedger(Endpoints infra) throws SQLException {
        // Notification's database role: a local-development default (user = password = database name).
        db = DriverManager.getConnection(infra.jdbcUrl("notification"), "notification", "notification");
    }

    Progress progress(Collection<String> incidentIds) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select count(*), count(*) filter (where state = 'sent'),"
                + " count(*) filter (where state = 'failed'), max(updated_at) filter (where state = 'sent')"
                + " from delivery where incident_id = any(?)")) {
            query.setArray(1, ids(incidentIds));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                Timestamp last = rs.getTimestamp(4);
                return new Progress(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        last == null ? null : last.toInstant());
            }
        }
    }

    /**
     * Waits, polling every {@code every}, until each of {@code incidents} incidents has its rows and every
     * row is sent or failed; answers the last progress seen. Reports every 30 s.
     */
    Progress awaitSettled(Collection<String> incidentIds, long incidents, Duration every, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        Progress progress = progress(incidentIds);
        while (!(progress.settled() && incidentsWithRows(incidentIds) >= incidents)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("After " + timeout.toMinutes() + " min the ledger holds " + progress
                        + " for " + incidents + " incidents");
            }
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                Host.log("  ledger: %,d rows, %,d sent, %,d failed", progress.rows(), progress.sent(),
                        progress.failed());
                lastReport = System.nanoTime();
            }
            Thread.sleep(every.toMillis());
            progress = progress(incidentIds);
        }
        return progress;
    }

    private long incidentsWithRows(Collection<String> incidentIds) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(distinct incident_id) from delivery where incident_id = any(?)")) {
            query.setArray(1, ids(incidentIds));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** When notification planned an incident's first message (wrote its row) and when the server accepted it. */
    record Delivered(Instant plannedAt, Instant sentAt) {
    }

    /** The first message sent about each incident, by incident id; incidents with none sent are missing. */
    Map<String, Delivered> firstSent(Collection<String> incidentIds) throws SQLException {
        Map<String, Delivered> sent = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("select incident_id, min(created_at), min(updated_at)"
                + " from delivery where state = 'sent' and incident_id = any(?) group by incident_id")) {
            query.setArray(1, ids(incidentIds));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    sent.put(rs.getString(1), new Delivered(rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return sent;
    }

    /** The message sent about {@code incidentId}, and to how many people. */
    Sample sample(String incidentId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select recipient_address, subject, body, count(*) over ()"
                + " from delivery where incident_id = ? and state = 'sent' order by recipient_address")) {
            query.setString(1, incidentId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No message about incident " + incidentId + " was sent");
                }
                return new Sample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4));
            }
        }
    }

    private Array ids(Collection<String> incidentIds) throws SQLException {
        return db.createArrayOf("varchar", incidentIds.toArray());
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
