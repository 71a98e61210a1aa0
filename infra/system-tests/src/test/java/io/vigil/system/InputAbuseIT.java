package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.load.abuse.AbuseReport;
import io.vigil.load.abuse.AbuseRun;
import io.vigil.load.abuse.HttpTarget;
import io.vigil.load.abuse.HttpTargets;
import io.vigil.load.abuse.QuarantineReasons;
import io.vigil.load.abuse.UserTokens;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import io.vigil.testing.VigilStack;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated and spoilt input, two thousand by default, thrown at the fleet from outside: every HTTP
 * endpoint of the four services, intake's syslog listener over UDP and TCP (one appliance per vendor),
 * and the report upload. Nothing may escape as a 5xx or a rejection that is no problem+json; intake must
 * account for every syslog message and quarantine the rejected ones with their reasons; and afterwards a
 * good line over TCP and over UDP must still become an incident in triage. The seed is printed;
 * {@code -Dvigil.abuse.seed=} repeats a run and {@code -Dvigil.abuse.inputs=} sizes it (the million-input
 * run is {@code infra/load/run.sh abuse}).
 */
class InputAbuseIT {

    private static final long DEFAULT_INPUTS = 2_000;

    @Test
    void nothingEscapesAndEveryRejectionIsAccountedFor() throws Exception {
        long seed = Long.getLong("vigil.abuse.seed", System.nanoTime());
        long inputs = Long.getLong("vigil.abuse.inputs", DEFAULT_INPUTS);
        System.out.printf("InputAbuseIT: seed %d, %,d inputs (-Dvigil.abuse.seed=%d repeats this run)%n", seed, inputs,
                seed);
        int tcp = Ports.free();
        int udp = Ports.free();
        try (Fleet fleet = Fleet.start(AbuseRun.fleetOverrides(tcp, udp))) {
            Map<String, String> urls = new LinkedHashMap<>();
            ServiceFleet.SERVICES.forEach(s -> urls.put(s, fleet.url(s)));
            AbuseReport report = AbuseRun.run(new AbuseRun.Fleet(urls, Ports.HOST, tcp, udp,
                    new UserTokens(VigilStack.endpoints().tokenUrl()),
                    http -> QuarantineReasons.fromApi(http, "north.trust-admin")),
                    new AbuseRun.Options(seed, inputs, 4, 1), System.out);
            System.out.println(report.summary());

            assertThat(report.http().total() + report.syslogSent()).as("inputs sent").isEqualTo(inputs);
            assertThat(report.http().byTarget().keySet()).as("every endpoint was hit").containsAll(
                    HttpTargets.all().stream().map(HttpTarget::name).toList());
            assertThat(report.http().serverErrors()).as("5xx answers (seed %d)", seed).isZero();
            assertThat(report.listenerAlive()).as("a good line after the abuse reached triage").isTrue();
            assertThat(report.discrepancies()).as("seed %d", seed).isEmpty();
        }
    }
}
