package io.vigil.load;

import io.vigil.contracts.topics.Topics;
import io.vigil.stack.AccessTokens;
import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a chaos run left behind, read as an auditor would once the system has settled: triage's incidents
 * and their alerts, notification's delivery ledger, the recipients' mailboxes as the mail server stored them,
 * the dead-letter topics, and reporting's verification of the audit chain. Only reads; the databases are read with the
 * services' local-development roles.
 */
public final class ChaosChecks implements AutoCloseable {

    /** The judgement, with every figure behind it. */
    public record Verdict(ChaosRun.Plan plan, ChaosRun.Sending sending, List<ChaosRun.Fault> faults,
            long alertsInIncidents, long lostAlerts, long incidents, long duplicatedIncidents, long miscountedIncidents,
            Set<String> recipients, long requiredMessages, long ledgerSent, long ledgerMissing, long ledgerDuplicated,
            long ledgerUnsettled, long mailboxMessages, long mailboxMissing, long mailboxDuplicated,
            long mailboxResentCopies, long ledgerMailboxDisagreements, Map<String, Long> deadLetters,
            long deadLettersWithoutReason, boolean auditIntact, long auditLinks, double settleSeconds) {

        /** 0 lost, 0 duplicated, ledger and mailbox agreeing, no dead letter without a reason, an intact chain. */
        public boolean passed() {
            return sending.accepted() == sending.alerts() && lostAlerts == 0 && duplicatedIncidents == 0
                    && miscountedIncidents == 0 && ledgerMissing == 0 && ledgerDuplicated == 0 && ledgerUnsettled == 0
                    && mailboxMissing == 0 && mailboxDuplicated == 0 && ledgerMailboxDisagreements == 0
                    && deadLettersWithoutReason == 0 && auditIntact;
        }

        /** Every check, one per line, as a Markdown table. */
        public String table() {
            StringBuilder t = new StringBuilder("| check | found | target |\n|---|---:|---|\n");
            row(t, "alerts accepted (202) / sent", sending.accepted() + " / " + sending.alerts(), "all");
            row(t, "accepted alerts in no incident (lost)", lostAlerts, "0");
            row(t, "alerts in more than one incident, or counted twice", duplicatedIncidents + miscountedIncidents, "0");
            row(t, "incidents (one per alert's pupil)", incidents, Long.toString(sending.alerts()));
            row(t, "messages the rules require (incidents × " + recipients.size() + " recipients)", requiredMessages, "");
            row(t, "ledger: required messages not sent", ledgerMissing + ledgerUnsettled, "0");
            row(t, "ledger: a second notification to the same person", ledgerDuplicated, "0");
            row(t, "mailboxes: required messages missing", mailboxMissing, "0");
            row(t, "mailboxes: two different messages about one incident to one person", mailboxDuplicated, "0");
            row(t, "mailboxes: the same message (same Message-ID) delivered again after a crash", mailboxResentCopies,
                    "reported");
            row(t, "ledger and mailboxes disagree (message ids)", ledgerMailboxDisagreements, "0");
            row(t, "dead letters during the run", deadLetters.values().stream().mapToLong(Long::longValue).sum()
                    + (deadLetters.isEmpty() ? "" : " " + deadLetters), "each with a reason");
            row(t, "dead letters without a reason", deadLettersWithoutReason, "0");
            row(t, "audit chain verifies", (auditIntact ? "intact" : "BROKEN") + ", " + auditLinks + " links", "intact");
            return t.toString();
        }

        private static void row(StringBuilder t, String check, Object found, String target) {
            t.append("| ").append(check).append(" | ").append(found).append(" | ").append(target).append(" |\n");
        }
    }

    private static final Pattern CASE_LINK = Pattern.compile("incidents/([0-9a-f]{8}-[0-9a-f-]{27})");
    private static final Pattern INTACT = Pattern.compile("\"intact\"\\s*:\\s*(true|false)");
    private static final Pattern LINKS = Pattern.compile("\"links\"\\s*:\\s*(\\d+)");
    private static final List<String> DEAD_LETTER_TOPICS = Topics.all().stream().map(t -> t.name() + Topics.DLQ_SUFFIX)
            .toList();

    private final Endpoints infra;
    private final String marker;
    private Connection triage;
    private Connection notification;
    private final Map<String, Integer> mailboxStarts = new HashMap<>();
    private final Map<TopicPartition, Long> deadLetterStarts = new HashMap<>();
    private Set<String> recipients = Set.of();
    private String reportingUrl;

    ChaosChecks(Endpoints infra, String marker) throws SQLException {
        this.infra = infra;
        this.marker = marker;
        connect();
    }

    private void connect() throws SQLException {
        // The services' databases with their local-development roles (user = password = database name).
        triage = DriverManager.getConnection(infra.jdbcUrl("triage"), "triage", "triage");
        notification = DriverManager.getConnection(infra.jdbcUrl("notification"), "notification", "notification");
    }

    /** Notes where the dead-letter topics end before the run. */
    void begin(String reportingUrl) {
        this.reportingUrl = reportingUrl;
        for (String topic : DEAD_LETTER_TOPICS) {
            deadLetterStarts.putAll(TopicEnds.of(infra.kafkaBootstrap(), topic));
        }
    }

    /**
     * Waits for the incident of {@code user}'s alert and its messages, and keeps who they went to: the
     * people the rules require every alert of the run to reach.
     */
    void learnRecipients(String user) throws SQLException, InterruptedException {
        String incident = poll(Duration.ofMinutes(3), "the calibration alert's incident",
                () -> single(triage, "select id::text from incident where subject_ref = ?", user));
        poll(Duration.ofMinutes(3), "the calibration alert's messages", () -> {
            Long unsent = single(notification, "select count(*) filter (where state not in ('sent', 'delivered'))"
                    + " from delivery where incident_id = ? having count(*) > 0", incident);
            return unsent != null && unsent == 0 ? Boolean.TRUE : null;
        });
        Thread.sleep(2_000);
        Set<String> addresses = new TreeSet<>();
        try (PreparedStatement q = notification.prepareStatement(
                "select distinct recipient_address from delivery where incident_id = ? and channel = 'email'")) {
            q.setString(1, incident);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    addresses.add(rs.getString(1));
                }
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalStateException("The calibration alert's incident was e-mailed to nobody");
        }
        recipients = addresses;
        for (String address : recipients) {
            mailboxStarts.put(address, new StackMailbox(infra, address).count());
        }
        Host.log("Each alert's incident must reach %s", recipients);
    }

    /** Waits for the system to settle, then judges what it left. */
    ChaosChecks.Verdict settleAndJudge(ChaosRun.Plan plan, ChaosRun.Sending sending, List<ChaosRun.Fault> faults,
            Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        // The databases were restarted under the run: new connections.
        close();
        connect();
        // The run's alerts and pupils (the marker is letters, digits and hyphens), not the calibration's.
        String alertIds = "^" + marker + "-[0-9]+$";
        String users = "^" + marker + "-u[0-9]+$";
        long inIncidents = 0;
        long lastReport = System.nanoTime();
        while (System.nanoTime() < deadline) {
            inIncidents = single(triage, "select count(*) from incident_alert where source_event_id ~ ?", alertIds);
            if (inIncidents >= sending.accepted()) {
                break;
            }
            lastReport = report(lastReport, "  triage holds %,d of %,d accepted alerts", inIncidents, sending.accepted());
            Thread.sleep(1_000);
        }
        Map<String, Long> sentByIncidentAndRecipient = new HashMap<>();
        long unsettled = 0;
        List<String> incidentIds = strings(triage, "select id::text from incident where subject_ref ~ ?", users);
        long required = (long) incidentIds.size() * recipients.size();
        while (true) {
            sentByIncidentAndRecipient = ledger(incidentIds);
            unsettled = single(notification, "select count(*) from delivery where incident_id = any(?)"
                    + " and state not in ('sent', 'delivered', 'failed', 'bounced')", incidentIds);
            long covered = sentByIncidentAndRecipient.size();
            if ((covered >= required && unsettled == 0) || System.nanoTime() > deadline) {
                break;
            }
            lastReport = report(lastReport, "  ledger: %,d of %,d required messages sent, %,d waiting", covered, required,
                    unsettled);
            Thread.sleep(2_000);
        }
        awaitAuditChained(deadline);
        double settleSeconds = (System.nanoTime() - t0) / 1e9;
        Host.log("Settled in %.0f s; checking", settleSeconds);

        long distinctAlerts = single(triage, "select count(distinct source_event_id) from incident_alert"
                + " where source_event_id ~ ?", alertIds);
        long duplicated = single(triage, "select count(*) from (select subject_ref from incident where subject_ref ~ ?"
                + " group by subject_ref having count(*) > 1) d", users);
        long miscounted = single(triage, "select count(*) from incident i where i.subject_ref ~ ? and i.alert_count <>"
                + " (select count(*) from incident_alert a where a.incident_id = i.id)", users);

        long ledgerMissing = 0;
        long ledgerDuplicated = 0;
        for (String incident : incidentIds) {
            for (String recipient : recipients) {
                long sent = sentByIncidentAndRecipient.getOrDefault(incident + " " + recipient, 0L);
                ledgerMissing += sent == 0 ? 1 : 0;
                ledgerDuplicated += Math.max(0, sent - 1);
            }
        }
        Set<String> ledgerMessageIds = new HashSet<>(strings(notification, "select notification_id::text from delivery"
                + " where incident_id = any(?) and state in ('sent', 'delivered') and channel = 'email'", incidentIds));
        Mailboxes mail = readMailboxes(new HashSet<>(incidentIds));
        long mailboxMissing = 0;
        long mailboxDuplicated = 0;
        for (String incident : incidentIds) {
            for (String recipient : recipients) {
                int distinct = mail.messageIds.getOrDefault(incident + " " + recipient, Set.of()).size();
                mailboxMissing += distinct == 0 ? 1 : 0;
                mailboxDuplicated += Math.max(0, distinct - 1);
            }
        }
        Set<String> inMailboxes = new HashSet<>();
        mail.messageIds.values().forEach(inMailboxes::addAll);
        Set<String> onlyInLedger = new HashSet<>(ledgerMessageIds);
        onlyInLedger.removeAll(inMailboxes);
        Set<String> onlyInMailboxes = new HashSet<>(inMailboxes);
        onlyInMailboxes.removeAll(ledgerMessageIds);

        Map<String, Long> deadLetters = new TreeMap<>();
        long withoutReason = deadLetters(deadLetters);
        String verification = auditVerification();
        Matcher intact = INTACT.matcher(verification);
        Matcher links = LINKS.matcher(verification);
        return new Verdict(plan, sending, faults, distinctAlerts, sending.accepted() - distinctAlerts, incidentIds.size(),
                duplicated, miscounted, recipients, required, required - ledgerMissing, ledgerMissing, ledgerDuplicated,
                unsettled, mail.messages, mailboxMissing, mailboxDuplicated, mail.resentCopies,
                onlyInLedger.size() + onlyInMailboxes.size(), deadLetters, withoutReason,
                intact.find() && intact.group(1).equals("true"), links.find() ? Long.parseLong(links.group(1)) : -1,
                settleSeconds);
    }

    /**
     * Waits until reporting has taken every audit record published so far into its chain, and no more are
     * published for a few seconds (the services' outboxes have drained): a chain verified before then is
     * intact but short, and says nothing of the records still to come.
     */
    private void awaitAuditChained(long deadline) throws InterruptedException {
        try (ServiceGroup reporting = new ServiceGroup(infra.kafkaBootstrap(), "reporting", Topics.AUDIT)) {
            Map<TopicPartition, Long> ends = auditEnds();
            while (true) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                reporting.awaitEnds(Map.of(), ends, left);
                Thread.sleep(5_000);
                Map<TopicPartition, Long> now = auditEnds();
                if (now.equals(ends)) {
                    return;
                }
                ends = now;
            }
        }
    }

    /** The audit topic's ends, leaving out partitions that never held a record (no offset is committed there). */
    private Map<TopicPartition, Long> auditEnds() {
        Map<TopicPartition, Long> ends = new HashMap<>(TopicEnds.of(infra.kafkaBootstrap(), Topics.AUDIT));
        ends.values().removeIf(end -> end == 0);
        return ends;
    }

    /** Sent or delivered e-mails by "incident recipient". */
    private Map<String, Long> ledger(List<String> incidentIds) throws SQLException {
        Map<String, Long> sent = new HashMap<>();
        try (PreparedStatement q = notification.prepareStatement("select incident_id, recipient_address, count(*)"
                + " from delivery where incident_id = any(?) and channel = 'email' and state in ('sent', 'delivered')"
                + " group by incident_id, recipient_address")) {
            q.setArray(1, notification.createArrayOf("varchar", incidentIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    sent.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return sent;
    }

    /** The run's messages in each recipient's mailbox: distinct Message-IDs by "incident recipient". */
    private record Mailboxes(Map<String, Set<String>> messageIds, long messages, long resentCopies) {
    }

    /**
     * Reads each recipient's messages since the run began from the mail server's export: a full run leaves a
     * hundred thousand messages in a mailbox, which the server's IMAP cannot fetch in reasonable time.
     */
    private Mailboxes readMailboxes(Set<String> incidents) throws IOException, InterruptedException {
        Map<String, Set<String>> ids = new HashMap<>();
        long messages = 0;
        long copies = 0;
        for (String recipient : recipients) {
            StackMailbox mailbox = new StackMailbox(infra, recipient);
            for (StackMailbox.Stored message : mailbox.storedFrom(mailboxStarts.getOrDefault(recipient, 0) + 1)) {
                Matcher link = CASE_LINK.matcher(message.text());
                if (link.find() && incidents.contains(link.group(1))) {
                    messages++;
                    if (!ids.computeIfAbsent(link.group(1) + " " + recipient, k -> new HashSet<>())
                            .add(message.messageId())) {
                        copies++;
                    }
                }
            }
        }
        return new Mailboxes(ids, messages, copies);
    }

    /** Counts the dead letters written since the run began, by topic and reason; answers those with no reason. */
    private long deadLetters(Map<String, Long> byTopicAndReason) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long withoutReason = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (String topic : DEAD_LETTER_TOPICS) {
                ends.putAll(TopicEnds.of(infra.kafkaBootstrap(), topic));
            }
            List<TopicPartition> partitions = new ArrayList<>(ends.keySet());
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, deadLetterStarts.getOrDefault(p, 0L)));
            long remaining = partitions.stream().mapToLong(p -> ends.get(p) - deadLetterStarts.getOrDefault(p, 0L)).sum();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (remaining > 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    remaining--;
                    Header reason = record.headers().lastHeader("dead-letter-reason");
                    String why = reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
                    if (why.isBlank()) {
                        withoutReason++;
                        why = "(no reason)";
                    }
                    byTopicAndReason.merge(record.topic() + ": " + abbreviate(why), 1L, Long::sum);
                }
            }
        }
        return withoutReason;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Reporting's verification of the trust's audit chain, as a trust administrator asks for it. */
    private String auditVerification() throws IOException, InterruptedException {
        String token = AccessTokens.password(infra.tokenUrl(), DemoRealm.user("north", "trust-admin"),
                DemoRealm.USER_PASSWORD);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(reportingUrl + "/api/v1/audit/verification")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The audit verification answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    private interface Probe<T> {
        T get() throws SQLException;
    }

    private static <T> T poll(Duration timeout, String what, Probe<T> probe) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + what);
    }

    private static long report(long last, String format, Object... args) {
        if (System.nanoTime() - last < 30_000_000_000L) {
            return last;
        }
        Host.log(format, args);
        return System.nanoTime();
    }

    @SuppressWarnings("unchecked")
    private static <T> T single(Connection db, String sql, Object parameter) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            bind(db, q, parameter);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? (T) rs.getObject(1) : null;
            }
        }
    }

    private static List<String> strings(Connection db, String sql, Object parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            bind(db, q, parameter);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static void bind(Connection db, PreparedStatement q, Object parameter) throws SQLException {
        if (parameter instanceof List<?> list) {
            q.setArray(1, db.createArrayOf("varchar", list.toArray()));
        } else {
            q.setObject(1, parameter);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            triage.close();
        } finally {
            notification.close();
        }
    }
}
