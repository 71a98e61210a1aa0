package io.vigil.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * triage's {@code incident} table filled straight in PostgreSQL, as years of a trust's cases would leave
 * it: 2,000 schools in 100 trusts (and the two demo schools), every policy category, mostly closed,
 * some acknowledged, a few open, of every severity. Every NOT NULL column and check of the migrations is
 * respected; open incidents carry no acknowledgement deadline (they have gone as far up their ladder as
 * it goes), so triage's escalation has nothing to do with them.
 */
final class IncidentTable {

    /** Rows inserted by one statement. */
    private static final int CHUNK = 100_000;

    /** The demo school whose safeguarding lead changes the cases ({@code north.dsl}). */
    static final String DEMO_TRUST = "demo-academy-trust";
    static final String DEMO_SCHOOL = "north-primary";

    private static final String COLUMNS = "id, trust_id, school_id, category, severity, severity_reasons, status, "
            + "routed_to, subject_ref, alert_count, first_seen_at, last_seen_at, opened_at, correlation_key, "
            + "mapping_basis, also_routed_to, restricted, required_steps, person_id, concern_count, "
            + "vendor_severity_max, acknowledged_at, acknowledged_by, assignee, closed_at, outcome, parent_contact, "
            + "ack_due_at, escalation_level, lado_due_at";

    /**
     * Row {@code g.i} of the history: {@code h} is a spread-out hash of it (0…9,999), {@code age} how long
     * ago it was opened. One row in 250 belongs to a demo school.
     */
    private static final String HISTORY = "insert into incident (" + COLUMNS + ") "
            + "select md5(?::text || ':' || g.i)::uuid, "
            + "case when g.i % 500 = 0 then 'demo-academy-trust' when g.i % 500 = 250 then 'demo-academy-trust' "
            + "  else 'load-trust-' || lpad((s.n / 20)::text, 3, '0') end, "
            + "case when g.i % 500 = 0 then 'north-primary' when g.i % 500 = 250 then 'south-academy' "
            + "  else 'load-school-' || lpad(s.n::text, 4, '0') end, "
            + "c.category, "
            + "case when h < 4000 then 'low' when h < 7500 then 'medium' when h < 9500 then 'high' else 'critical' end, "
            + "'Policy category ' || c.category || E'\\nVendor severity ' || (1 + g.i % 5), "
            + "case when h % 100 < 85 then 'closed' when h % 100 < 95 then 'acknowledged' else 'open' end, "
            + "case when h % 100 = 42 then 'head' else 'dsl' end, "
            + "'y' || (7 + g.i % 7) || '.pupil' || lpad((g.i % 5000)::text, 4, '0'), "
            + "1 + g.i % 7, "
            + "now() - age, now() - age + (g.i % 90) * interval '1 minute', now() - age, "
            + "c.category || '|user:y' || (7 + g.i % 7) || '.pupil' || lpad((g.i % 5000)::text, 4, '0'), "
            + "'fortigate table shipped-2026.11', "
            + "case when h % 100 = 42 then 'trust-safeguarding-lead' else '' end, "
            + "h % 100 = 42, "
            + "case when h % 100 = 42 then 'Consult the LADO' else '' end, "
            + "null, 0, 1 + g.i % 5, "
            + "case when h % 100 < 95 then now() - age + interval '20 minutes' end, "
            + "case when h % 100 < 95 then 'dsl-' || s.n end, "
            + "case when h % 100 < 95 then 'dsl-' || s.n end, "
            + "case when h % 100 < 85 then now() - age / 2 end, "
            + "case when h % 100 < 85 then (array['referred','handled-in-school','advice-given','no-further-action'])"
            + "[1 + g.i % 4] end, "
            + "case when g.i % 3 = 0 then 'withheld' else 'undecided' end, "
            + "null, case when h % 100 < 95 then 0 else 2 end, null "
            + "from generate_series(?::bigint, ?::bigint) as g(i), "
            + "lateral (select (g.i * 7919) % 2000 as n, ((g.i * 2654435761) % 10007) % 10000 as h, "
            + "  ((g.i * 40503) % 1051200) * interval '1 minute' + interval '1 hour' as age) s, "
            + "lateral (select (array['gambling','malware-hacking','pornography','piracy','drugs','violence',"
            + "  'weapons','grooming-sexual-exploitation','discrimination','extremism','self-harm','bullying',"
            + "  'terrorist-content'])[1 + (g.i % 13)] as category) c";

    /** Open cases of the demo school, new today, that the benchmark changes. */
    private static final String OPEN_CASES = "insert into incident (" + COLUMNS + ") "
            + "select md5(?::text || ':open:' || g.i)::uuid, 'demo-academy-trust', 'north-primary', "
            + "(array['gambling','malware-hacking','pornography','drugs','violence'])[1 + g.i % 5], "
            + "case when g.i % 4 = 0 then 'high' else 'medium' end, 'Policy category', 'open', 'dsl', "
            + "'y9.pupil' || lpad((g.i % 800)::text, 4, '0'), 1 + g.i % 3, now() - interval '2 hours', "
            + "now() - interval '1 hour', now() - interval '2 hours', "
            + "'gambling|user:y9.pupil' || g.i || ':' || ?::text, 'fortigate table shipped-2026.11', '', false, '', "
            + "null, 0, 3, null, null, null, null, null, 'undecided', now() + interval '7 days', 0, null "
            + "from generate_series(1, ?) as g(i) returning id";

    private final Connection db;
    private long inserted;

    IncidentTable(Connection db) {
        this.db = db;
    }

    /** Empties the table and everything that refers to it (the alerts, concerns and case entries). */
    void empty() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("truncate table incident cascade");
        }
    }

    long count() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select count(*) from incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Grows the table to {@code size} rows, {@code openCases} of them new open cases of the demo school,
     * then analyses it; answers the ids of those open cases.
     */
    List<UUID> growTo(long size, int openCases, String salt) throws SQLException {
        long history = size - count() - openCases;
        if (history < 0) {
            throw new IllegalStateException("The table already holds more than " + size + " incidents");
        }
        for (long from = 0; from < history; from += CHUNK) {
            long to = Math.min(history, from + CHUNK) - 1;
            try (PreparedStatement insert = db.prepareStatement(HISTORY)) {
                insert.setString(1, salt);
                insert.setLong(2, inserted + from);
                insert.setLong(3, inserted + to);
                insert.executeUpdate();
            }
        }
        inserted += history;
        List<UUID> ids = new ArrayList<>(openCases);
        try (PreparedStatement insert = db.prepareStatement(OPEN_CASES)) {
            insert.setString(1, salt);
            insert.setString(2, salt);
            insert.setInt(3, openCases);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("analyze incident");
        }
        return ids;
    }
}
