package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.load.ChaosBenchmark;
import io.vigil.load.ChaosChecks;
import io.vigil.load.ChaosRun;
import io.vigil.testing.VigilStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The small chaos run of every build: alerts stream in while each service is killed with SIGKILL once and
 * restarted, the Kafka broker and PostgreSQL are restarted, and the SMTP server is unreachable for half a
 * minute. Nothing accepted may be lost or duplicated, every message the rules require must be delivered
 * once (ledger and mailboxes agreeing), no dead letter may lack its reason, and the audit chain must verify.
 * The full run is {@code infra/load/run.sh chaos}; {@code -Dvigil.chaos.seed=N} replays another schedule.
 */
class ChaosIT {

    @Test
    void alertsStreamThroughKillsRestartsAndAnSmtpOutageWithoutLossOrDuplication() throws Exception {
        long seed = Long.parseLong(System.getProperty("vigil.chaos.seed", "20261125"));
        ChaosRun.Plan plan = new ChaosRun.Plan(1_200, 12, 4, true, true, Duration.ofSeconds(30), seed,
                Duration.ofMinutes(10));
        ChaosChecks.Verdict verdict = new ChaosRun(VigilStack.endpoints(), VigilStack.stateDir(), VigilStack.buildRoot(),
                VigilStack.stateDir().resolve("chaos-logs"), plan).run();
        System.out.println(ChaosBenchmark.markdown(verdict, "ChaosIT (seed " + seed + ")"));

        assertThat(verdict.faults()).as("faults injected").hasSize(7);
        assertThat(verdict.sending().accepted()).as("alerts accepted").isEqualTo(plan.alerts());
        assertThat(verdict.lostAlerts()).as("accepted alerts in no incident").isZero();
        assertThat(verdict.incidents()).as("one incident per alert").isEqualTo(plan.alerts());
        assertThat(verdict.duplicatedIncidents() + verdict.miscountedIncidents()).as("alerts counted twice").isZero();
        assertThat(verdict.ledgerMissing() + verdict.ledgerUnsettled()).as("required messages not sent").isZero();
        assertThat(verdict.ledgerDuplicated()).as("a second notification to one person").isZero();
        assertThat(verdict.mailboxMissing()).as("required messages missing from mailboxes").isZero();
        assertThat(verdict.mailboxDuplicated()).as("two messages about one incident to one person").isZero();
        assertThat(verdict.ledgerMailboxDisagreements()).as("ledger and mailboxes disagree").isZero();
        assertThat(verdict.deadLettersWithoutReason()).as("dead letters without a reason").isZero();
        assertThat(verdict.auditIntact()).as("audit chain intact").isTrue();
        assertThat(verdict.passed()).isTrue();
    }
}
