package io.vigil.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApiKeys;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStack;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Syslog over TLS (RFC 5425) on the real stack: an appliance bound to a client-certificate subject is
 * read only over TLS with that certificate; another certificate, or plain TCP from its address, is
 * refused before anything is read.
 */
@QuarkusTest
@TestProfile(SyslogTlsTest.WithTls.class)
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SyslogTlsTest {

    static final Path DIR = VigilStack.buildRoot().resolve("services/intake/target/syslog-tls");
    private static final String SUBJECT = "CN=fw1.tls-test.example, O=Tls Test School";
    private static final String ADDRESS = "127.0.0.5";

    /** Turns the TLS listener on with certificates made for this test. */
    public static class WithTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestCertificates certificates = new TestCertificates(DIR).create();
            return Map.of(
                    "vigil.intake.syslog.tls.port", "0",
                    "vigil.intake.syslog.tls.key-store", certificates.path("server.p12").toString(),
                    "vigil.intake.syslog.tls.key-store-password", TestCertificates.PASSWORD,
                    "vigil.intake.syslog.tls.trust-store", certificates.path("trust.p12").toString(),
                    "vigil.intake.syslog.tls.trust-store-password", TestCertificates.PASSWORD);
        }
    }

    @Inject
    SyslogServer server;

    @Inject
    SyslogSources sources;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void applianceBoundToACertificate() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into school (id, trust_id, name) values ('tls-test-school', "
                    + "'tls-test-trust', 'Tls Test School') on conflict (id) do nothing").executeUpdate();
            entityManager.createNativeQuery("insert into appliance (id, school_id, vendor, kind, name, key_hash) "
                    + "values ('tls-test-fortigate', 'tls-test-school', 'fortigate', 'filtering', 'TLS filter', ?1) "
                    + "on conflict (id) do nothing").setParameter(1, ApiKeys.hash("tls-" + UUID.randomUUID()))
                    .executeUpdate();
            entityManager.createNativeQuery("insert into syslog_source (appliance_id, cidr, tls_subject) values "
                    + "('tls-test-fortigate', '127.0.0.5/32', ?1) on conflict do nothing").setParameter(1, SUBJECT)
                    .executeUpdate();
        });
        sources.reload();
    }

    @Test
    void onlyTheBoundCertificateIsReadAndOnlyOverTls() throws Exception {
        TestCertificates certificates = new TestCertificates(DIR);
        Path appliance = certificates.signed("appliance", SUBJECT, null);
        Path intruder = certificates.signed("intruder", "CN=someone-else.example", null);
        String run = UUID.randomUUID().toString().substring(0, 8);

        try (SSLSocket socket = tls(appliance)) {
            socket.getOutputStream().write((line("good" + run) + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            TopicProbe.await(Topics.ALERTS, r -> r.value().contains("good" + run), Duration.ofSeconds(30));
        }
        try (SSLSocket socket = tls(intruder)) {
            assertClosedByTheListener(socket, line("intruder" + run));
        }
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.tcpPort(),
                InetAddress.getByName(ADDRESS), 0)) {
            assertClosedByTheListener(socket, line("plain" + run));
        }
        String marker = "after" + run;
        try (SSLSocket socket = tls(appliance)) {
            socket.getOutputStream().write((line(marker) + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            TopicProbe.await(Topics.ALERTS, r -> r.value().contains(marker), Duration.ofSeconds(30));
        }
        assertThat(TopicProbe.readAll(Topics.ALERTS, Duration.ofSeconds(10)))
                .noneMatch(r -> r.value().contains("intruder" + run) || r.value().contains("plain" + run));
    }

    private static void assertClosedByTheListener(Socket socket, String line) throws Exception {
        socket.setSoTimeout(10_000);
        try {
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        } catch (java.io.IOException closed) {
            assertThat(closed).isNotNull();
        }
    }

    private SSLSocket tls(Path keyStore) throws Exception {
        char[] password = TestCertificates.PASSWORD.toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve("trust.p12"))) {
            trust.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"),
                server.tlsPort(), InetAddress.getByName(ADDRESS), 0);
        socket.startHandshake();
        return socket;
    }

    private static String line(String user) {
        return "type=\"utm\" subtype=\"webfilter\" eventtype=\"ftgd_blk\" action=\"blocked\" catdesc=\"Gambling\" "
                + "hostname=\"casino.example.test\" user=\"" + user + "\"";
    }
}
