package io.vigil.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The incidents a run of paced webhook alerts ({@link WebhookLoad#paced}) opened in triage, each timed
 * from the 202 of its first alert to its first e-mail accepted by the SMTP server (notification's
 * ledger), with the stages in between: what the end-to-end benchmarks report.
 */
final class PacedIncidents {

    /**
     * @param timelines one per incident whose e-mail was sent
     * @param missing incidents (or users) with no e-mail sent, or no alert accepted
     * @param incidents incidents of the run in triage
     * @param expectedIncidents users with an alert accepted: one incident each
     * @param lastSentMicros wall-clock time of the last e-mail, microseconds since the epoch (0: none)
     */
    record Timed(List<NotificationReport.Timeline> timelines, long missing, long incidents, long expectedIncidents,
            long lastSentMicros) {
    }

    private PacedIncidents() {
    }

    /**
     * Waits for notification to settle the run's incidents (a wait that times out is reported, not
     * thrown: what was sent is still timed), then times each one.
     */
    static Timed of(Connection triageDb, NotificationLedger ledger, String marker, String schoolId,
            WebhookLoad.Paced paced, int alertsPerUser, Duration timeout) throws SQLException, InterruptedException {
        Map<String, TriageIncident> incidents = incidentsOf(triageDb, marker, schoolId);
        try {
            ledger.awaitSettled(incidents.keySet(), incidents.size(), Duration.ofMillis(500), timeout);
        } catch (IllegalStateException e) {
            Host.log("  %s", e.getMessage());
        }
        Map<String, NotificationLedger.Delivered> sent = ledger.firstSent(incidents.keySet());
        long[] firstAccepted = firstAcceptedByUser(paced, alertsPerUser);
        List<NotificationReport.Timeline> timelines = new ArrayList<>();
        long missing = 0;
        long lastSent = 0;
        for (Map.Entry<String, TriageIncident> incident : incidents.entrySet()) {
            NotificationLedger.Delivered delivered = sent.get(incident.getKey());
            long accepted = firstAccepted[(int) incident.getValue().user()];
            if (delivered == null || accepted == 0) {
                missing++;
                continue;
            }
            long opened = micros(incident.getValue().openedAt());
            long planned = micros(delivered.plannedAt());
            long sentAt = micros(delivered.sentAt());
            lastSent = Math.max(lastSent, sentAt);
            timelines.add(new NotificationReport.Timeline(accepted - paced.startMicros(), opened - accepted,
                    planned - opened, sentAt - planned));
        }
        return new Timed(timelines, missing, incidents.size(), Arrays.stream(firstAccepted).filter(t -> t > 0).count(),
                lastSent);
    }

    /** For each user of the run, the wall-clock time of the first 202 of an alert about them (0: none). */
    static long[] firstAcceptedByUser(WebhookLoad.Paced paced, int alertsPerUser) {
        long[] first = new long[(paced.alerts() + alertsPerUser - 1) / alertsPerUser];
        long[] accepted = paced.acceptedAtMicros();
        for (int i = 0; i < accepted.length; i++) {
            int user = i / alertsPerUser;
            if (accepted[i] > 0 && (first[user] == 0 || accepted[i] < first[user])) {
                first[user] = accepted[i];
            }
        }
        return first;
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** An incident of the run in triage's database: the number of the user it is about, and when it opened. */
    record TriageIncident(long user, Instant openedAt) {
    }

    /** The incidents of the run's users ({@link WebhookAlerts#user}) in triage's database, by incident id. */
    static Map<String, TriageIncident> incidentsOf(Connection triageDb, String marker, String schoolId)
            throws SQLException {
        Map<String, TriageIncident> incidents = new LinkedHashMap<>();
        String prefix = WebhookAlerts.user(marker, 0);
        prefix = prefix.substring(0, prefix.length() - 1);
        try (PreparedStatement query = triageDb.prepareStatement("select id::text, subject_ref, opened_at"
                + " from incident where school_id = ? and lower(subject_ref) like ?")) {
            query.setString(1, schoolId);
            query.setString(2, prefix.toLowerCase(Locale.ROOT) + "%");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    long user = Long.parseLong(rs.getString(2).substring(prefix.length()));
                    incidents.put(rs.getString(1), new TriageIncident(user, rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return incidents;
    }
}
