package io.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalStackIT {

    private static Endpoints endpoints;

    @BeforeAll
    static void startStack() {
        endpoints = VigilStack.endpoints();
    }

    @Test
    void endpointsFileDescribesTheRunningStack() {
        assertTrue(Files.exists(VigilStack.stateDir().resolve(Endpoints.FILE_NAME)));
        assertEquals(endpoints, Endpoints.readFrom(VigilStack.stateDir().resolve(Endpoints.FILE_NAME)));
        // A second lookup must reuse the stack, not start another.
        assertEquals(endpoints, VigilStack.endpoints());

        Map<String, String> config = endpoints.quarkusConfig("triage");
        assertEquals(endpoints.kafkaBootstrap(), config.get("kafka.bootstrap.servers"));
        assertEquals("jdbc:postgresql://127.0.0.1:" + endpoints.postgresPort() + "/triage",
                config.get("quarkus.datasource.jdbc.url"));
        assertEquals(endpoints.keycloakUrl() + "/realms/vigil", config.get("quarkus.oidc.auth-server-url"));
        assertEquals("false", config.get("quarkus.devservices.enabled"));
    }

    @Test
    void kafkaRecordsRoundTripOnTheAlertsTopic() {
        String key = DemoRealm.NORTH_SCHOOL_ID;
        String value = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
        RecordMetadata sent = TopicProbe.send("vigil.alerts.v1", key, value);

        ConsumerRecord<String, String> received = TopicProbe.await("vigil.alerts.v1",
                r -> value.equals(r.value()), Duration.ofSeconds(30));
        assertEquals(key, received.key());
        assertEquals(sent.partition(), received.partition());
        assertEquals(sent.offset(), received.offset());
        assertTrue(TopicProbe.readAll("vigil.alerts.v1", Duration.ofSeconds(30)).stream()
                .anyMatch(r -> value.equals(r.value())));
    }

    @Test
    void topicsAreCreatedAsTheContractsSay() {
        // Auto-creation is off, so a topic the contracts do not name must not appear on first use.
        assertThrowsAny(() -> TopicProbe.readAll("vigil.no-such-topic.v1", Duration.ofSeconds(5)));
        assertTrue(TopicProbe.readAll("vigil.directory.v1", Duration.ofSeconds(10)).isEmpty());
    }

    /** A commit the services were told had succeeded must survive PostgreSQL crashing straight after it. */
    @Test
    void commitsAreWrittenBeforeTheyAreAnswered() throws Exception {
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl("triage"), "triage", "triage");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show synchronous_commit")) {
            assertTrue(rs.next());
            assertEquals("on", rs.getString(1));
        }
    }

    @Test
    void eachServiceOwnsItsDatabase() throws Exception {
        for (String db : List.of("intake", "triage", "notification", "reporting")) {
            try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(db), db, db);
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select current_database(), current_user")) {
                    assertTrue(rs.next());
                    assertEquals(db, rs.getString(1));
                    assertEquals(db, rs.getString(2));
                }
            }
        }
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl("triage"), "triage", "triage");
                Statement s = c.createStatement()) {
            s.execute("create table probe (id int primary key)");
            s.execute("insert into probe values (42)");
            try (ResultSet rs = s.executeQuery("select id from probe")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            s.execute("drop table probe");
        }
    }

    @Test
    void schoolUserTokenCarriesTenancyAndRole() {
        String payload = Tokens.payloadJson(Tokens.password("north.dsl"));
        assertEquals(endpoints.keycloakRealmUrl(), stringClaim(payload, "iss"));
        assertEquals(DemoRealm.TRUST_ID, stringClaim(payload, "trust_id"));
        assertEquals(List.of(DemoRealm.NORTH_SCHOOL_ID), arrayClaim(payload, "school_ids"));
        assertTrue(realmRoles(payload).contains("dsl"), payload);
        assertFalse(realmRoles(payload).contains("head"), payload);
    }

    @Test
    void trustUserTokenCoversEverySchool() {
        String payload = Tokens.payloadJson(Tokens.password("north.trust-safeguarding-lead"));
        assertEquals(DemoRealm.TRUST_ID, stringClaim(payload, "trust_id"));
        assertEquals(DemoRealm.SCHOOL_IDS, arrayClaim(payload, "school_ids"));
        assertTrue(realmRoles(payload).contains("trust-safeguarding-lead"), payload);
    }

    @Test
    void appClientTokenHasTheAppRole() {
        String payload = Tokens.payloadJson(Tokens.app());
        assertEquals(DemoRealm.APP_CLIENT_ID, stringClaim(payload, "azp"));
        assertEquals(DemoRealm.TRUST_ID, stringClaim(payload, "trust_id"));
        assertEquals(DemoRealm.SCHOOL_IDS, arrayClaim(payload, "school_ids"));
        assertTrue(realmRoles(payload).contains("app"), payload);
    }

    @Test
    void wrongPasswordGetsNoToken() {
        assertThrowsAny(() -> Tokens.password("north.dsl", "not-the-password"));
    }

    @Test
    void mailSentOverSmtpArrivesInTheMailbox() throws Exception {
        String to = DemoRealm.email("north.dsl");
        String subject = "Probe " + UUID.randomUUID();
        Properties props = new Properties();
        props.put("mail.smtp.host", endpoints.smtpHost());
        props.put("mail.smtp.port", Integer.toString(endpoints.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("vigil@demo.vigil.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("A concern needs your attention <b>now</b>.");
        Transport.send(message);

        Mailbox.ReceivedMail mail = Mailbox.await(to, m -> subject.equals(m.subject()), Duration.ofSeconds(20));
        assertEquals("vigil@demo.vigil.test", mail.from());
        assertEquals(List.of(to), mail.to());
        assertEquals("A concern needs your attention <b>now</b>.", mail.body().trim());
        assertTrue(Mailbox.messagesFor("nobody@demo.vigil.test").isEmpty());

        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoints.mailWebUrl() + "messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(subject), page.body());
        // Markup in a message must never reach the page unescaped.
        assertFalse(page.body().contains("<b>"), page.body());
    }

    @Test
    void aMailboxIsExportedWholeFromAPosition() throws Exception {
        String to = "export-probe-" + UUID.randomUUID() + "@demo.vigil.test";
        List<String> cases = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        sendCaseLinks(to, "Export probe", cases);
        Mailbox.await(to, m -> m.body().contains(cases.get(2)), Duration.ofSeconds(20));

        HttpResponse<String> fromSecond = get("mailbox?address=" + to + "&from=2");
        assertEquals(200, fromSecond.statusCode());
        assertEquals("3", fromSecond.headers().firstValue("Mailbox-Messages").orElseThrow());
        List<String> lines = fromSecond.body().lines().toList();
        assertEquals(2, lines.size(), fromSecond.body());
        assertTrue(lines.get(0).startsWith("{\"position\":2,\"messageId\":\""), lines.get(0));
        assertTrue(lines.get(0).contains(cases.get(1)), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"position\":3,"), lines.get(1));
        assertTrue(lines.get(1).contains(cases.get(2)), lines.get(1));

        HttpResponse<String> nobody = get("mailbox?address=nobody-" + UUID.randomUUID() + "@demo.vigil.test");
        assertEquals(200, nobody.statusCode());
        assertEquals("0", nobody.headers().firstValue("Mailbox-Messages").orElseThrow());
        assertTrue(nobody.body().isEmpty(), nobody.body());

        assertEquals(400, get("mailbox").statusCode());
        assertEquals(400, get("mailbox?address=" + to + "&from=first").statusCode());
    }

    /** One message over SMTP to {@code to} for each case id, its text a link to the case. */
    private static void sendCaseLinks(String to, String subject, List<String> caseIds) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", endpoints.smtpHost());
        props.put("mail.smtp.port", Integer.toString(endpoints.smtpPort()));
        for (String id : caseIds) {
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("vigil@demo.vigil.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject);
            message.setText("Open the case: https://vigil.example/incidents/" + id);
            Transport.send(message);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoints.mailWebUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMailboxIsSearchedByTheTextOfItsMessages() throws Exception {
        String to = "search-probe-" + UUID.randomUUID() + "@demo.vigil.test";
        String wanted = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        sendCaseLinks(to, "Search probe", List.of(other, wanted, other));
        Mailbox.await(to, m -> m.body().contains(other), Duration.ofSeconds(20));

        List<Mailbox.ReceivedMail> found = Mailbox.messagesFor(to, wanted);
        assertEquals(1, found.size(), () -> found.toString());
        assertTrue(found.get(0).body().contains(wanted));
        assertEquals(2, Mailbox.messagesFor(to, other).size());
        assertTrue(Mailbox.messagesFor(to, UUID.randomUUID().toString()).isEmpty());
    }

    private static String stringClaim(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), () -> "no claim " + name + " in " + json);
        return m.group(1);
    }

    private static List<String> arrayClaim(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), () -> "no array claim " + name + " in " + json);
        return Arrays.stream(m.group(1).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.substring(1, s.length() - 1))
                .toList();
    }

    private static List<String> realmRoles(String json) {
        Matcher m = Pattern.compile("\"realm_access\"\\s*:\\s*\\{\\s*\"roles\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), () -> "no realm_access.roles in " + json);
        return Arrays.stream(m.group(1).split(",")).map(String::trim).map(s -> s.substring(1, s.length() - 1))
                .toList();
    }

    private static void assertThrowsAny(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | AssertionError expected) {
            return;
        }
        throw new AssertionError("expected a failure");
    }
}
