package io.vigil.intake.syslog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApiKeys;
import io.vigil.intake.quarantine.Quarantine;
import io.vigil.intake.quarantine.QuarantinedInput;
import io.vigil.common.demo.DemoTrust;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The syslog listeners on the real stack, fed through real sockets: blocked lines become alerts,
 * allowed ones do not, unreadable and oversized ones are quarantined while the stream goes on, and
 * a sender at an address bound to no appliance is not read at all.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SyslogListenerTest {

    private static final String SCHOOL = "syslog-test-school";
    private static final String APPLIANCE = "syslog-test-fortigate";

    @Inject
    SyslogServer server;

    @Inject
    SyslogSources sources;

    @Inject
    Quarantine quarantine;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void applianceAtLoopback() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into school (id, trust_id, name) values (?1, 'syslog-test-trust', "
                    + "'Syslog Test School') on conflict (id) do nothing").setParameter(1, SCHOOL).executeUpdate();
            entityManager.createNativeQuery("insert into appliance (id, school_id, vendor, kind, name, key_hash) "
                    + "values (?1, ?2, 'fortigate', 'filtering', 'Main filter', ?3) on conflict (id) do nothing")
                    .setParameter(1, APPLIANCE).setParameter(2, SCHOOL)
                    .setParameter(3, ApiKeys.hash("syslog-" + UUID.randomUUID())).executeUpdate();
            entityManager.createNativeQuery("insert into syslog_source (appliance_id, cidr) values (?1, '127.0.0.1/32') "
                    + "on conflict do nothing").setParameter(1, APPLIANCE).executeUpdate();
        });
        sources.reload();
    }

    @Test
    void tcpLinesBecomeAlertsAndBadLinesAreQuarantinedWithoutEndingTheStream() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String blocked1 = blocked("tcp1" + run, "Pornography");
        String blocked2 = blocked("tcp2" + run, "Gambling");
        String blocked3 = blocked("tcp3" + run, "Child Sexual Abuse");
        String allowed = "type=utm subtype=webfilter eventtype=ftgd_allow action=passthrough catdesc=\"Education\" "
                + "hostname=school.example user=\"allowed" + run + "\"";
        String garbage = "this is not a log line " + run;
        String octetCounted = blocked2.length() + " " + blocked2;
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((blocked1 + "\n" + allowed + "\n" + garbage + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(octetCounted.getBytes(StandardCharsets.UTF_8));
            out.write(("x".repeat(9000) + run + "\n").getBytes(StandardCharsets.UTF_8));
            out.write((blocked3 + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();

            List<ConsumerRecord<String, String>> alerts = TopicProbe.awaitAll(Topics.ALERTS,
                    r -> r.value().contains(run), 3, Duration.ofSeconds(30));
            assertThat(alerts).allMatch(r -> r.key().equals(SCHOOL));
            List<AlertReceived> received = alerts.stream()
                    .map(r -> EventCodec.payload(EventCodec.decode(r.value()), AlertReceived.class)).toList();
            assertThat(received).extracting(AlertReceived::vendorCategory)
                    .containsExactlyInAnyOrder("Pornography", "Gambling", "Child Sexual Abuse");
            assertThat(received).allMatch(a -> a.applianceId().equals(APPLIANCE) && a.vendor().equals("fortigate"));
            AlertReceived illegal = received.stream().filter(a -> a.vendorCategory().startsWith("Child")).findFirst()
                    .orElseThrow();
            assertThat(illegal.urlHost()).isNull();
            assertThat(alerts).filteredOn(r -> r.value().contains("Child Sexual Abuse"))
                    .singleElement().matches(r -> !r.value().contains("illegal.example.test"), "no URL");
            assertThat(alerts).noneMatch(r -> r.value().contains("allowed" + run));

            // The stream is still open after the bad lines: one more line is read.
            String blocked4 = blocked("tcp4" + run, "Violence");
            out.write((blocked4 + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            TopicProbe.await(Topics.ALERTS, r -> r.value().contains("tcp4" + run), Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            quarantine.flush();
            List<QuarantinedInput> held = QuarkusTransaction.requiringNew().call(() ->
                    QuarantinedInput.<QuarantinedInput>list("applianceId = ?1 order by id", APPLIANCE));
            assertThat(held).anyMatch(q -> q.excerpt.contains(garbage) && q.channel.equals("syslog-tcp"));
            assertThat(held).anyMatch(q -> q.reason.contains("8192"));
        });
    }

    @Test
    void aRepeatedLineIsTheSameAlert() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String line = blocked("rep" + run, "Gambling");
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.getOutputStream().write((line + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            List<ConsumerRecord<String, String>> both = TopicProbe.awaitAll(Topics.ALERTS,
                    r -> r.value().contains("rep" + run), 2, Duration.ofSeconds(30));
            assertThat(both.stream().map(r -> EventCodec.decode(r.value()).id()).distinct()).hasSize(1);
        }
    }

    @Test
    void udpDatagramsBecomeAlerts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] line = ("<189>" + blocked("udp" + run, "Weapons")).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(line, line.length, InetAddress.getByName("127.0.0.1"), server.udpPort()));
        }
        ConsumerRecord<String, String> record = TopicProbe.await(Topics.ALERTS, r -> r.value().contains("udp" + run),
                Duration.ofSeconds(30));
        assertThat(EventCodec.payload(EventCodec.decode(record.value()), AlertReceived.class).vendorCategory())
                .isEqualTo("Weapons");
    }

    @Test
    void aDatagramWithUPlus0000InAFieldIsQuarantinedWithTheFieldNamedAndNeverPublished() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A datagram ends at its end, so a NUL inside it stays in the line (in a TCP stream it ends a line).
        byte[] spoilt = ("<189>" + blocked("nul\u0000" + run, "Weapons")).getBytes(StandardCharsets.UTF_8);
        byte[] good = ("<189>" + blocked("after" + run, "Weapons")).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(spoilt, spoilt.length, InetAddress.getByName("127.0.0.1"),
                    server.udpPort()));
            socket.send(new DatagramPacket(good, good.length, InetAddress.getByName("127.0.0.1"), server.udpPort()));
        }
        TopicProbe.await(Topics.ALERTS, r -> r.value().contains("after" + run), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            quarantine.flush();
            List<QuarantinedInput> held = QuarkusTransaction.requiringNew().call(() ->
                    QuarantinedInput.<QuarantinedInput>list("applianceId = ?1 order by id", APPLIANCE));
            assertThat(held).anyMatch(q -> q.excerpt.contains(run) && q.channel.equals("syslog-udp")
                    && q.reason.contains("user must not contain U+0000"));
        });
        assertThat(TopicProbe.readAll(Topics.ALERTS, Duration.ofSeconds(30)))
                .filteredOn(r -> r.value().contains(run)).singleElement()
                .matches(r -> r.value().contains("\"userRef\":\"after" + run + "\""), "only the good datagram");
    }

    @Test
    void aSenderAtAnUnboundAddressIsNotRead() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()), 5000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            try {
                socket.getOutputStream().write((blocked("stranger" + run, "Gambling") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(in.read()).as("closed by the listener").isEqualTo(-1);
            } catch (SocketException closed) {
                assertThat(closed.getMessage()).isNotBlank();
            }
        }
        // A bound sender's line, sent afterwards on the same partition, arrives; the stranger's never did.
        String marker = "after" + run;
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.getOutputStream().write((blocked(marker, "Gambling") + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            TopicProbe.await(Topics.ALERTS, r -> r.value().contains(marker), Duration.ofSeconds(30));
        }
        assertThat(TopicProbe.readAll(Topics.ALERTS, Duration.ofSeconds(10)))
                .noneMatch(r -> r.value().contains("stranger" + run));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("vigil_intake_syslog_unknown_sender_total"));
    }

    @Test
    void aTrustAdminBindsSourceAddressesAndSeesWhatWasQuarantined() throws Exception {
        String admin = Tokens.password("north.trust-admin");
        String id = given().auth().oauth2(admin).contentType("application/json")
                .body("""
                        {"schoolId": "%s", "vendor": "fortigate", "kind": "filtering", "name": "Annexe filter",
                         "expectedHeartbeatMinutes": 30}
                        """.formatted(DemoTrust.NORTH.id()))
                .when().post("/api/v1/appliances").then().statusCode(201).extract().path("appliance.id");
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"sources\": [\"127.0.0.3\", \"annexe-filter.example.test\"]}")
                .when().put("/api/v1/appliances/" + id + "/syslog-sources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sources[1]"));
        given().auth().oauth2(Tokens.password("north.dsl")).contentType("application/json")
                .body("{\"sources\": [\"127.0.0.3\"]}")
                .when().put("/api/v1/appliances/" + id + "/syslog-sources").then().statusCode(403);
        given().auth().oauth2(admin).contentType("application/json").body("{\"sources\": [\"127.0.0.3/32\"]}")
                .when().put("/api/v1/appliances/" + id + "/syslog-sources")
                .then().statusCode(200).body("sources", hasItem("127.0.0.3/32"));

        String garbage = "not a FortiGate line " + UUID.randomUUID();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.3", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()), 5000);
            socket.getOutputStream().write((garbage + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                quarantine.flush();
                given().auth().oauth2(admin).when().get("/api/v1/quarantine?applianceId=" + id)
                        .then().statusCode(200).body("excerpt", hasItem(garbage))
                        .body("channel", hasItem("syslog-tcp"));
            });
        }
        given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/quarantine").then().statusCode(403);
        // Another trust's quarantined line (the loopback appliance belongs to the syslog test trust) stays out of sight.
        String otherTrusts = "another trust's line " + UUID.randomUUID();
        try (Socket socket = new Socket("127.0.0.1", server.tcpPort())) {
            socket.getOutputStream().write((otherTrusts + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                quarantine.flush();
                return QuarkusTransaction.requiringNew().call(() ->
                        QuarantinedInput.count("excerpt = ?1", otherTrusts)) == 1;
            });
        }
        given().auth().oauth2(admin).when().get("/api/v1/quarantine?limit=1000")
                .then().statusCode(200).body("excerpt", hasItem(garbage))
                .body("excerpt", org.hamcrest.Matchers.not(hasItem(otherTrusts)));
        given().auth().oauth2(admin).when().get("/api/v1/quarantine?schoolId=syslog-test-school").then().statusCode(403);
    }

    /** A FortiGate web-filter "blocked" line for user {@code user}. */
    private static String blocked(String user, String category) {
        return "date=2026-11-23 time=10:12:01 devname=\"FG100E-School\" devid=\"FG100ETK18000001\" "
                + "logid=\"0316013056\" type=\"utm\" subtype=\"webfilter\" eventtype=\"ftgd_blk\" level=\"warning\" "
                + "srcip=10.0.0.5 hostname=\"illegal.example.test\" action=\"blocked\" url=\"/p?q=x\" "
                + "catdesc=\"" + category + "\" user=\"" + user + "\"";
    }
}
