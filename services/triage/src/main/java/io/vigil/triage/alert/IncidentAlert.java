package io.vigil.triage.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.common.sql.Statements;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** An alert as triage keeps it, linked to the incident it belongs to. */
@Entity
@Table(name = "incident_alert")
public class IncidentAlert extends PanacheEntityBase {

    @Id
    @Column(name = "alert_id")
    public String alertId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "appliance_id", nullable = false)
    public String applianceId;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "source_kind", nullable = false)
    public String sourceKind;

    @Column(nullable = false)
    public String vendor;

    @Column(name = "vendor_category", nullable = false)
    public String vendorCategory;

    @Column(nullable = false)
    public String action;

    @Column(name = "url_host")
    public String urlHost;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /**
     * Which of these alerts, given as parallel lists of appliance ids and source event ids, are
     * already stored: the pairs found, each as {@code List.of(applianceId, sourceEventId)}. One
     * statement for them all, read without loading entities.
     */
    public static Set<List<String>> storedAmong(List<String> applianceIds, List<String> sourceEventIds) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Set<List<String>> found = new HashSet<>();
            // One lookup in the unique key per pair asked (the lateral subquery with its limit is never turned
            // into a join): a join lets the planner hash the whole table, which it prefers to a few hundred
            // index lookups long after the table has outgrown that choice.
            try (PreparedStatement select = Statements.plannedEachTime(connection, "select asked.appliance_id, "
                    + "asked.source_event_id from unnest(?::varchar[], ?::varchar[]) as asked(appliance_id, "
                    + "source_event_id) cross join lateral (select 1 from incident_alert a "
                    + "where a.appliance_id = asked.appliance_id and a.source_event_id = asked.source_event_id "
                    + "limit 1) as stored")) {
                select.setArray(1, connection.createArrayOf("varchar", applianceIds.toArray()));
                select.setArray(2, connection.createArrayOf("varchar", sourceEventIds.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(List.of(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return found;
        });
    }

    /**
     * Inserts these alerts with one statement, in the caller's transaction; their incidents must
     * already be written (flushed).
     */
    public static void insertAll(List<IncidentAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        int n = alerts.size();
        String[][] columns = new String[11][n];
        for (int i = 0; i < n; i++) {
            IncidentAlert a = alerts.get(i);
            columns[0][i] = a.alertId;
            columns[1][i] = a.incidentId.toString();
            columns[2][i] = a.applianceId;
            columns[3][i] = a.sourceEventId;
            columns[4][i] = a.sourceKind;
            columns[5][i] = a.vendor;
            columns[6][i] = a.vendorCategory;
            columns[7][i] = a.action;
            columns[8][i] = a.urlHost;
            columns[9][i] = a.occurredAt.toString();
            columns[10][i] = a.receivedAt.toString();
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into incident_alert (alert_id, "
                    + "incident_id, appliance_id, source_event_id, source_kind, vendor, vendor_category, action, "
                    + "url_host, occurred_at, received_at) select alert_id, incident_id::uuid, appliance_id, "
                    + "source_event_id, source_kind, vendor, vendor_category, action, url_host, "
                    + "occurred_at::timestamptz, received_at::timestamptz from unnest(?::varchar[], ?::varchar[], "
                    + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
                    + "?::varchar[], ?::varchar[], ?::varchar[]) as rows(alert_id, incident_id, appliance_id, "
                    + "source_event_id, source_kind, vendor, vendor_category, action, url_host, occurred_at, "
                    + "received_at)")) {
                for (int c = 0; c < columns.length; c++) {
                    insert.setArray(c + 1, connection.createArrayOf("varchar", columns[c]));
                }
                insert.executeUpdate();
            }
        });
    }
}
