package io.vigil.load;

import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import io.vigil.stack.ServiceProcess;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Intake run from its Quarkus build as its own process, with the demo trust, its rate limit raised out
 * of the way (through system properties; the defaults stay as they are) and its syslog listeners on
 * free loopback ports. The demo trust's FortiGate sends every alert of the benchmark.
 */
final class IntakeUnderTest implements AutoCloseable {

    /** The demo trust's South Academy FortiGate and its local-development key (see {@code DemoTrust}). */
    static final String APPLIANCE_ID = DemoRealm.SOUTH_APPLIANCE_ID;
    static final String SCHOOL_ID = DemoRealm.SOUTH_SCHOOL_ID;
    static final String API_KEY = DemoRealm.SOUTH_APPLIANCE_KEY;

    private final ServiceProcess process;
    private final int httpPort;
    private final int syslogPort;

    private IntakeUnderTest(ServiceProcess process, int httpPort, int syslogPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.syslogPort = syslogPort;
    }

    static IntakeUnderTest start(Endpoints infra, Path repoRoot, Path logDir) {
        int httpPort = Ports.free();
        int syslogPort = Ports.free();
        Map<String, String> overrides = new LinkedHashMap<>();
        // A benchmark measures throughput, not the per-appliance limit that protects a trust from one appliance.
        overrides.put("vigil.intake.rate-limit.alerts-per-second", "1000000000");
        overrides.put("vigil.intake.rate-limit.burst", "1000000000");
        overrides.put("vigil.intake.syslog.host", Ports.HOST);
        overrides.put("vigil.intake.syslog.tcp-port", Integer.toString(syslogPort));
        overrides.put("vigil.intake.syslog.udp-port", Integer.toString(Ports.free()));
        ServiceProcess process = ServiceFleet.startAlone("intake", infra, repoRoot, httpPort, overrides, logDir);
        return new IntakeUnderTest(process, httpPort, syslogPort);
    }

    int httpPort() {
        return httpPort;
    }

    int syslogPort() {
        return syslogPort;
    }

    long pid() {
        return process.pid();
    }

    ServiceProcess process() {
        return process;
    }

    Path log() {
        return process.log();
    }

    /**
     * Binds the demo FortiGate to 127.0.0.1 in intake's database, then sends a line until its alert
     * shows that the listener knows the address. Answers that first alert.
     */
    ConsumerRecord<String, String> bindSyslogSource(Endpoints infra, AlertWatcher watcher) throws Exception {
        // Intake's database role: a local-development default (user = password = database name).
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl("intake"), "intake", "intake");
                PreparedStatement insert = db.prepareStatement("insert into syslog_source (appliance_id, cidr) "
                        + "values (?, '127.0.0.1/32') on conflict do nothing")) {
            insert.setString(1, APPLIANCE_ID);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot bind the syslog source in intake's database", e);
        }
        Instant deadline = Instant.now().plusSeconds(60);
        for (int attempt = 0; Instant.now().isBefore(deadline); attempt++) {
            String marker = Markers.next();
            AlertWatcher.Expectation expected = watcher.expect(marker, 1);
            try (Socket socket = new Socket(Ports.HOST, syslogPort)) {
                socket.getOutputStream().write((FortiGateLines.line(marker, attempt) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                expected.awaitAll(Duration.ofSeconds(3));
                return expected.first();
            } catch (IllegalStateException | java.io.IOException notYet) {
                // The listener closes a sender it does not know yet; the next reload knows it.
            }
        }
        throw new IllegalStateException("Syslog from 127.0.0.1 never became an alert; see " + process.log());
    }

    @Override
    public void close() {
        process.close();
    }
}
