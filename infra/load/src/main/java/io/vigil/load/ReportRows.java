package io.vigil.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Incident register rows of a made-up trust written straight into reporting's database, as its projection
 * from {@code vigil.incidents.v1} would have left them: schools × incidents over an academic year, with the
 * policy categories, severities, states, outcomes, referrals and parent-contact decisions a year brings.
 */
final class ReportRows {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String[] CATEGORIES = {"pornography", "self-harm", "bullying", "violence", "weapons",
        "gambling", "drugs", "extremism", "discrimination", "suicide", "nude-image-sharing", "sexual-harassment",
        "grooming-sexual-exploitation", "malware-hacking", "piracy", "other", "unclassified", "monitoring-failure"};
    private static final String[] FOUR_CS = {"content", "content,conduct", "conduct,contact", "content",
        "content,commerce", "commerce", "content,commerce", "content,contact", "content,conduct", "content,conduct",
        "conduct", "conduct,contact", "contact", "conduct,commerce", "conduct,commerce", "", "", ""};
    private static final String[] SEVERITIES = {"low", "low", "medium", "medium", "high", "critical"};
    private static final String[] OUTCOMES = {"handled-in-school", "advice-given", "no-further-action", "referred",
        "false-positive"};
    private static final String[] AGENCIES = {"children-social-care", "police", "lado", "ceop", "iwf", "prevent"};
    private static final int BATCH = 1_000;

    private final String trustId;
    private final List<String> schools;
    private final Random random;

    ReportRows(String trustId, int schools, long seed) {
        this.trustId = trustId;
        this.schools = new ArrayList<>();
        for (int i = 1; i <= schools; i++) {
            this.schools.add(String.format("%s-school-%03d", trustId, i));
        }
        this.random = new Random(seed);
    }

    List<String> schools() {
        return schools;
    }

    /** Writes {@code incidents} rows opened in the academic year starting 1 September {@code year}; answers the referrals. */
    long insertYear(Connection db, int year, int incidents) throws SQLException {
        Instant from = LocalDate.of(year, 9, 1).atStartOfDay(LONDON).toInstant();
        long seconds = Duration.between(from, LocalDate.of(year + 1, 9, 1).atStartOfDay(LONDON).toInstant()).toSeconds();
        long referrals = 0;
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement row = db.prepareStatement("insert into incident_register (incident_id, trust_id,"
                + " school_id, category, severity, status, routed_to, alert_count, first_seen_at, opened_at, updated_at,"
                + " four_cs, source_id, restricted, routed_roles, silenced, person_id, last_seen_at, acknowledged_at,"
                + " closed_at, outcome, parent_contact, parent_contact_reason, escalations, source_resumed_at)"
                + " values (?, ?, ?, ?, ?, ?, 'dsl', 1, ?, ?, ?, ?, ?, false, 'dsl,deputy-dsl', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
                PreparedStatement referral = db.prepareStatement("insert into register_referral (event_id,"
                        + " incident_id, agency, referred_at) values (?, ?, ?, ?)")) {
            for (int i = 0; i < incidents; i++) {
                String id = UUID.randomUUID().toString();
                int c = random.nextInt(CATEGORIES.length);
                Instant opened = from.plusSeconds((long) (random.nextDouble() * seconds));
                int state = random.nextInt(10);
                Instant acknowledged = state < 2 ? null : opened.plusSeconds(60 + random.nextInt(48 * 3600));
                Instant closed = state < 5 ? null : acknowledged.plusSeconds(random.nextInt(14 * 24 * 3600));
                boolean silent = "monitoring-failure".equals(CATEGORIES[c]);
                int contact = random.nextInt(4);
                row.setString(1, id);
                row.setString(2, trustId);
                row.setString(3, schools.get(i % schools.size()));
                row.setString(4, CATEGORIES[c]);
                row.setString(5, SEVERITIES[random.nextInt(SEVERITIES.length)]);
                row.setString(6, closed != null ? "closed" : acknowledged != null ? "acknowledged" : "open");
                row.setTimestamp(7, Timestamp.from(silent ? opened.minusSeconds(900) : opened));
                row.setTimestamp(8, Timestamp.from(opened));
                row.setTimestamp(9, Timestamp.from(opened));
                row.setString(10, FOUR_CS[c]);
                row.setString(11, "appliance-" + (i % schools.size()));
                row.setBoolean(12, random.nextInt(20) == 0);
                row.setString(13, "learner-" + random.nextInt(1_000_000));
                row.setTimestamp(14, Timestamp.from(opened));
                row.setTimestamp(15, acknowledged == null ? null : Timestamp.from(acknowledged));
                row.setTimestamp(16, closed == null ? null : Timestamp.from(closed));
                row.setString(17, closed == null ? null : OUTCOMES[random.nextInt(OUTCOMES.length)]);
                row.setString(18, contact == 0 ? "approved" : contact == 1 ? "withheld" : "undecided");
                row.setString(19, contact == 1 ? "risk-to-child" : null);
                row.setTimestamp(20, silent ? Timestamp.from(opened.plusSeconds(random.nextInt(7200))) : null);
                row.addBatch();
                if (random.nextInt(5) == 0) {
                    referral.setString(1, id + "-r");
                    referral.setString(2, id);
                    referral.setString(3, AGENCIES[random.nextInt(AGENCIES.length)]);
                    referral.setTimestamp(4, Timestamp.from(opened.plusSeconds(3600)));
                    referral.addBatch();
                    referrals++;
                }
                if ((i + 1) % BATCH == 0 || i + 1 == incidents) {
                    row.executeBatch();
                    referral.executeBatch();
                    db.commit();
                }
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        try (PreparedStatement analyze = db.prepareStatement("analyze incident_register")) {
            analyze.execute();
        }
        return referrals;
    }
}
