package io.vigil.reporting.register;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The register's rows as the projection reads and writes them: plain JDBC on the transaction's connection, a
 * statement per kind of work for a whole poll (arrays through {@code unnest}), no managed entities. The
 * {@link RegisterEntry} objects it returns and takes are plain values here, never attached to a session.
 * Instants are written to the microsecond, truncated, as PostgreSQL keeps them.
 */
final class RegisterRows {

    /** Columns an incident's later events change; the others are written once, when it opens. */
    private static final List<Column> CHANGING = List.of(
            new Column("severity", "varchar", e -> e.severity),
            new Column("status", "varchar", e -> e.status),
            new Column("alert_count", "int4", e -> e.alertCount),
            new Column("last_seen_at", "timestamptz", e -> text(e.lastSeenAt)),
            new Column("updated_at", "timestamptz", e -> text(e.updatedAt)),
            new Column("acknowledged_at", "timestamptz", e -> text(e.acknowledgedAt)),
            new Column("closed_at", "timestamptz", e -> text(e.closedAt)),
            new Column("outcome", "varchar", e -> e.outcome),
            new Column("parent_contact", "varchar", e -> e.parentContact),
            new Column("parent_contact_reason", "varchar", e -> e.parentContactReason),
            new Column("escalations", "int4", e -> e.escalations),
            new Column("source_resumed_at", "timestamptz", e -> text(e.sourceResumedAt)));

    private static final List<Column> FIXED = List.of(
            new Column("incident_id", "varchar", e -> e.incidentId),
            new Column("trust_id", "varchar", e -> e.trustId),
            new Column("school_id", "varchar", e -> e.schoolId),
            new Column("category", "varchar", e -> e.category),
            new Column("routed_to", "varchar", e -> e.routedTo),
            new Column("first_seen_at", "timestamptz", e -> text(e.firstSeenAt)),
            new Column("opened_at", "timestamptz", e -> text(e.openedAt)),
            new Column("four_cs", "varchar", e -> e.fourCs),
            new Column("source_id", "varchar", e -> e.sourceId),
            new Column("restricted", "bool", e -> e.restricted),
            new Column("routed_roles", "varchar", e -> e.routedRoles),
            new Column("silenced", "bool", e -> e.silenced),
            new Column("person_id", "varchar", e -> e.personId));

    private static final List<Column> ALL = concat(FIXED, CHANGING);

    private static final String SELECT = "select " + names(ALL, "") + " from incident_register where incident_id = any(?)";

    private static final String INSERT = "insert into incident_register (" + names(ALL, "") + ") select * from unnest("
            + placeholders(ALL) + ")";

    private static final String UPDATE = "update incident_register r set "
            + String.join(", ", CHANGING.stream().map(c -> c.name() + " = u." + c.name()).toList())
            + " from unnest(" + placeholders(concat(List.of(FIXED.get(0)), CHANGING)) + ") as u(incident_id, "
            + names(CHANGING, "") + ") where r.incident_id = u.incident_id";

    private RegisterRows() {
    }

    /** One column: its name, the PostgreSQL type of its array parameter, and its value in a row. */
    private record Column(String name, String type, Function<RegisterEntry, Object> value) {
    }

    /** A referral's identity in the register: the incident, the agency and when (to the microsecond kept). */
    static String referralKey(String incidentId, String agency, Instant referredAt) {
        return incidentId + "|" + agency + "|" + referredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The stored rows of these incidents, by incident id. */
    static Map<String, RegisterEntry> find(Connection connection, Collection<String> incidentIds) throws SQLException {
        Map<String, RegisterEntry> rows = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return rows;
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, connection.createArrayOf("varchar", incidentIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RegisterEntry entry = read(rs);
                    rows.put(entry.incidentId, entry);
                }
            }
        }
        return rows;
    }

    /** Which of these incidents had their records disposed of after review. */
    static Set<String> disposedAmong(Connection connection, Collection<String> incidentIds) throws SQLException {
        return ids(connection, "select incident_id from retention_disposal where incident_id = any(?)", incidentIds,
                rs -> rs.getString(1));
    }

    /** The referrals recorded for these incidents, as {@link #referralKey} keys. */
    static Set<String> referralsOf(Connection connection, Collection<String> incidentIds) throws SQLException {
        return ids(connection, "select incident_id, agency, referred_at from register_referral"
                + " where incident_id = any(?)", incidentIds,
                rs -> referralKey(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    /** Inserts new rows, in one statement. */
    static void insert(Connection connection, Collection<RegisterEntry> entries) throws SQLException {
        write(connection, INSERT, ALL, entries);
    }

    /** Writes the changing columns of stored rows, in one statement. */
    static void update(Connection connection, Collection<RegisterEntry> entries) throws SQLException {
        write(connection, UPDATE, concat(List.of(FIXED.get(0)), CHANGING), entries);
    }

    /** Inserts referrals, in one statement. */
    static void insertReferrals(Connection connection, Collection<Referral> referrals) throws SQLException {
        if (referrals.isEmpty()) {
            return;
        }
        List<Object> eventIds = new ArrayList<>();
        List<Object> incidentIds = new ArrayList<>();
        List<Object> agencies = new ArrayList<>();
        List<Object> times = new ArrayList<>();
        for (Referral referral : referrals) {
            eventIds.add(referral.eventId);
            incidentIds.add(referral.incidentId);
            agencies.add(referral.agency);
            times.add(text(referral.referredAt));
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into register_referral"
                + " (event_id, incident_id, agency, referred_at) select * from unnest(?::varchar[], ?::varchar[],"
                + " ?::varchar[], ?::timestamptz[])")) {
            insert.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            insert.setArray(2, connection.createArrayOf("varchar", incidentIds.toArray()));
            insert.setArray(3, connection.createArrayOf("varchar", agencies.toArray()));
            insert.setArray(4, connection.createArrayOf("varchar", times.toArray()));
            insert.executeUpdate();
        }
    }

    private static void write(Connection connection, String sql, List<Column> columns,
            Collection<RegisterEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<Array> arrays = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                Object[] values = entries.stream().map(column.value()).toArray();
                // Instants go as text and are cast in the statement; the driver encodes strings, numbers and
                // booleans itself.
                Array array = connection.createArrayOf(column.type().equals("timestamptz") ? "varchar" : column.type(),
                        values);
                arrays.add(array);
                statement.setArray(i + 1, array);
            }
            statement.executeUpdate();
            for (Array array : arrays) {
                array.free();
            }
        }
    }

    private static RegisterEntry read(ResultSet rs) throws SQLException {
        RegisterEntry e = new RegisterEntry();
        e.incidentId = rs.getString("incident_id");
        e.trustId = rs.getString("trust_id");
        e.schoolId = rs.getString("school_id");
        e.category = rs.getString("category");
        e.routedTo = rs.getString("routed_to");
        e.firstSeenAt = instant(rs, "first_seen_at");
        e.openedAt = instant(rs, "opened_at");
        e.fourCs = rs.getString("four_cs");
        e.sourceId = rs.getString("source_id");
        e.restricted = rs.getBoolean("restricted");
        e.routedRoles = rs.getString("routed_roles");
        e.silenced = rs.getBoolean("silenced");
        e.personId = rs.getString("person_id");
        e.severity = rs.getString("severity");
        e.status = rs.getString("status");
        e.alertCount = rs.getInt("alert_count");
        e.lastSeenAt = instant(rs, "last_seen_at");
        e.updatedAt = instant(rs, "updated_at");
        e.acknowledgedAt = instant(rs, "acknowledged_at");
        e.closedAt = instant(rs, "closed_at");
        e.outcome = rs.getString("outcome");
        e.parentContact = rs.getString("parent_contact");
        e.parentContactReason = rs.getString("parent_contact_reason");
        e.escalations = rs.getInt("escalations");
        e.sourceResumedAt = instant(rs, "source_resumed_at");
        return e;
    }

    /** What a query over an array of ids gives for each row it finds. */
    private interface RowValue {
        String of(ResultSet rs) throws SQLException;
    }

    private static Set<String> ids(Connection connection, String sql, Collection<String> incidentIds, RowValue value)
            throws SQLException {
        Set<String> found = new HashSet<>();
        if (incidentIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("varchar", incidentIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(value.of(rs));
                }
            }
        }
        return found;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static String names(List<Column> columns, String prefix) {
        return String.join(", ", columns.stream().map(c -> prefix + c.name()).toList());
    }

    private static String placeholders(List<Column> columns) {
        return String.join(", ", columns.stream().map(c -> "?::" + c.type() + "[]").toList());
    }

    private static List<Column> concat(List<Column> first, List<Column> second) {
        List<Column> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
