package io.vigil.reporting.register;

import static io.vigil.common.sql.Statements.plannedEachTime;

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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;


/**
 * The register's rows as the projection reads and writes them: plain JDBC on the transaction's connection, a
 * statement per kind of work for a whole poll (arrays through {@code unnest}), no managed entities. The
 * {@link RegisterEntry} objects it returns and takes are plain values here, never attached to a session.
 * Instants are written to the microsecond, truncated, as PostgreSQL keeps them.
 */
final class RegisterRows {

    /** Columns an incident's later events change; the others are written once, when it opens. */
    private static final List<Column> CHANGING = List.of(
            text("severity", e -> e.severity, (e, v) -> e.severity = v),
            text("status", e -> e.status, (e, v) -> e.status = v),
            number("alert_count", e -> e.alertCount, (e, v) -> e.alertCount = v),
            time("last_seen_at", e -> e.lastSeenAt, (e, v) -> e.lastSeenAt = v),
            time("updated_at", e -> e.updatedAt, (e, v) -> e.updatedAt = v),
            time("acknowledged_at", e -> e.acknowledgedAt, (e, v) -> e.acknowledgedAt = v),
            time("closed_at", e -> e.closedAt, (e, v) -> e.closedAt = v),
            text("outcome", e -> e.outcome, (e, v) -> e.outcome = v),
            text("parent_contact", e -> e.parentContact, (e, v) -> e.parentContact = v),
            text("parent_contact_reason", e -> e.parentContactReason, (e, v) -> e.parentContactReason = v),
            number("escalations", e -> e.escalations, (e, v) -> e.escalations = v),
            time("source_resumed_at", e -> e.sourceResumedAt, (e, v) -> e.sourceResumedAt = v));

    private static final List<Column> FIXED = List.of(
            text("incident_id", e -> e.incidentId, (e, v) -> e.incidentId = v),
            text("trust_id", e -> e.trustId, (e, v) -> e.trustId = v),
            text("school_id", e -> e.schoolId, (e, v) -> e.schoolId = v),
            text("category", e -> e.category, (e, v) -> e.category = v),
            text("routed_to", e -> e.routedTo, (e, v) -> e.routedTo = v),
            time("first_seen_at", e -> e.firstSeenAt, (e, v) -> e.firstSeenAt = v),
            time("opened_at", e -> e.openedAt, (e, v) -> e.openedAt = v),
            text("four_cs", e -> e.fourCs, (e, v) -> e.fourCs = v),
            text("source_id", e -> e.sourceId, (e, v) -> e.sourceId = v),
            flag("restricted", e -> e.restricted, (e, v) -> e.restricted = v),
            text("routed_roles", e -> e.routedRoles, (e, v) -> e.routedRoles = v),
            flag("silenced", e -> e.silenced, (e, v) -> e.silenced = v),
            text("person_id", e -> e.personId, (e, v) -> e.personId = v));

    private static final List<Column> ALL = concat(FIXED, CHANGING);

    private static final String SELECT = "select " + names(ALL) + " from incident_register where incident_id = any(?)";

    private static final String INSERT = "insert into incident_register (" + names(ALL) + ") select * from unnest("
            + placeholders(ALL) + ")";

    private static final String UPDATE = "update incident_register r set "
            + String.join(", ", CHANGING.stream().map(c -> c.name() + " = u." + c.name()).toList())
            + " from unnest(" + placeholders(concat(List.of(FIXED.get(0)), CHANGING)) + ") as u(incident_id, "
            + names(CHANGING) + ") where r.incident_id = u.incident_id";

    private RegisterRows() {
    }

    /**
     * One column: its name, the PostgreSQL type of its array parameter, its value in a row as written, and how
     * a result row's value is set on a row read.
     */
    private record Column(String name, String type, Function<RegisterEntry, Object> value, Reader reader) {
    }

    /** Sets a field of {@code entry} from the current row of {@code rs}. */
    private interface Reader {
        void read(RegisterEntry entry, ResultSet rs) throws SQLException;
    }

    private static Column text(String name, Function<RegisterEntry, String> get,
            BiConsumer<RegisterEntry, String> set) {
        return new Column(name, "varchar", get::apply, (e, rs) -> set.accept(e, rs.getString(name)));
    }

    private static Column time(String name, Function<RegisterEntry, Instant> get,
            BiConsumer<RegisterEntry, Instant> set) {
        return new Column(name, "timestamptz", e -> micros(get.apply(e)),
                (e, rs) -> set.accept(e, instant(rs, name)));
    }

    private static Column number(String name, ToIntFunction<RegisterEntry> get, ObjIntConsumer<RegisterEntry> set) {
        return new Column(name, "int4", get::applyAsInt, (e, rs) -> set.accept(e, rs.getInt(name)));
    }

    private static Column flag(String name, Predicate<RegisterEntry> get, BiConsumer<RegisterEntry, Boolean> set) {
        return new Column(name, "bool", get::test, (e, rs) -> set.accept(e, rs.getBoolean(name)));
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
        try (PreparedStatement select = plannedEachTime(connection, SELECT)) {
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
            times.add(micros(referral.referredAt));
        }
        try (PreparedStatement insert = plannedEachTime(connection, "insert into register_referral"
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
        try (PreparedStatement statement = plannedEachTime(connection, sql)) {
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
        RegisterEntry entry = new RegisterEntry();
        for (Column column : ALL) {
            column.reader().read(entry, rs);
        }
        return entry;
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
        try (PreparedStatement select = plannedEachTime(connection, sql)) {
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

    private static String micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static String names(List<Column> columns) {
        return String.join(", ", columns.stream().map(Column::name).toList());
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
