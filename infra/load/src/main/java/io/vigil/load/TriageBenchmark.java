package io.vigil.load;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.stack.AccessTokens;
import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import io.vigil.stack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The triage benchmark: triage as its own process on the running infrastructure. First, how fast the
 * running, warmed-up process correlates alerts published to {@code vigil.alerts.v1} into incidents,
 * against a plain consumer reading the same records in the same run, and whether the incidents are the
 * ones the alerts must make;
 * then the latency of case status changes over HTTP as its incident table grows. See
 * {@code infra/load/run.sh} and {@code docs/performance.md}.
 */
public final class TriageBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** Where triage writes its log (one start after another, the last start's log). */
    private static final Path LOGS = Path.of("infra/load/target/results/logs").toAbsolutePath();

    /** What to run. */
    record Options(Path stateDir, int alerts, int warmupAlerts, int repetitions, List<Long> sizes, int cases, int warmupCases,
            int clients, long seed, int correlationTimeoutMinutes, boolean skipCorrelation, boolean skipCases,
            boolean jfr, Path doc, String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of("skip-correlation", "skip-cases", "jfr"));
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    line.integer("alerts", 20_000),
                    line.integer("warmup-alerts", 20_000),
                    line.integer("repetitions", 3),
                    Arrays.stream(line.string("sizes", "10000,100000,1000000").split("[,; ]+"))
                            .map(s -> Long.parseLong(s.replace("_", ""))).toList(),
                    line.integer("cases", 1_000),
                    line.integer("warmup-cases", 3_000),
                    line.integer("clients", 4),
                    line.integer("seed", 20_261_124),
                    line.integer("correlation-timeout-minutes", 30),
                    line.flag("skip-correlation"),
                    line.flag("skip-cases"),
                    line.flag("jfr"),
                    Path.of(line.string("doc", "docs/performance.md")),
                    line.string("command", "infra/load/run.sh triage"));
            line.requireAllTaken();
            return options;
        }
    }

    private final Options options;
    private final Endpoints infra;

    private TriageBenchmark(Options options, Endpoints infra) {
        this.options = options;
        this.infra = infra;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh triage [--alerts N]"
                + " [--warmup-alerts N] [--repetitions N] [--sizes 10000,100000,...] [--cases N] [--warmup-cases N] [--clients N]"
                + " [--seed N] [--correlation-timeout-minutes M] [--skip-correlation] [--skip-cases] [--jfr] [--doc FILE]");
        Files.createDirectories(LOGS);
        new TriageBenchmark(options, Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME)))
                .run(Path.of("").toAbsolutePath());
    }

    private void run(Path root) throws Exception {
        List<TriageReport.Correlation> correlations = new ArrayList<>();
        List<TriageReport.CaseChangesAt> caseChanges = new ArrayList<>();
        int[] eventBytes = {0};
        if (!options.skipCorrelation()) {
            correlations.addAll(correlateAll(root, eventBytes));
        }
        if (!options.skipCases()) {
            caseChanges.addAll(changeCases(root));
        }
        TriageReport report = new TriageReport(new TriageReport.Context(options.command(), LocalDate.now().toString(),
                Host.describe(), options.alerts(), options.warmupAlerts(), options.repetitions(), "4 trusts of 6"
                + " schools, 400 learners each, 14 FortiGate categories (9 policy categories) weighted as schools see"
                + " them, half the alerts single and half in bursts of 2–40 seconds apart, 40 bursts interleaved at a"
                + " time", options.cases(), options.clients(), eventBytes[0]), correlations, caseChanges);
        System.out.println();
        System.out.print(report.console());
        report.writeInto(options.doc());
        Host.log("Wrote %s", options.doc());
    }

    /**
     * Starts triage once, past whatever the topic held, warms it up (JIT) on alerts of schools of their own,
     * then times each repetition on the running process, as the raw consumer is timed after a first read.
     */
    private List<TriageReport.Correlation> correlateAll(Path root, int[] eventBytes) throws Exception {
        List<TriageReport.Correlation> correlations = new ArrayList<>();
        try (ServiceGroup group = new ServiceGroup(infra.kafkaBootstrap(), "triage", Topics.ALERTS);
                KafkaProducer<String, String> producer = RawKafkaBaseline.intakeLikeProducer(infra.kafkaBootstrap(),
                        "load-triage-alerts")) {
            Map<TopicPartition, Long> start = TopicEnds.of(infra.kafkaBootstrap(), Topics.ALERTS);
            group.startFrom(start, Duration.ofMinutes(3));
            Host.log("Starting triage (log: %s)", LOGS.resolve("triage.log"));
            try (ServiceProcess triage = startTriage(root, Ports.free()); Connection db = triageDb()) {
                CpuMeter meter = new CpuMeter(Map.of("triage", triage.pid()), options.stateDir());
                group.awaitStart(start, START_TIMEOUT);
                if (options.warmupAlerts() > 0) {
                    Host.log("Warming up (JIT): %,d alerts through triage, untimed", options.warmupAlerts());
                    Placed warmup = place(db, group, producer, "lw", options.warmupAlerts(), options.seed(), meter);
                    Host.log("  warm-up placed in %.1f s", warmup.seconds());
                }
                Path recording = LOGS.resolveSibling("triage.jfr");
                if (options.jfr()) {
                    FlightRecording.start(triage.pid(), recording);
                }
                for (int rep = 1; rep <= options.repetitions(); rep++) {
                    correlations.add(correlate(db, rep, group, producer, meter, eventBytes));
                }
                if (options.jfr()) {
                    FlightRecording.stop(triage.pid());
                    Host.log("Triage's flight recording of the repetitions: %s", recording);
                }
            }
        }
        return correlations;
    }

    /** What triage did with one lot of alerts. */
    private record Placed(ExpectedIncidents expected, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> ends, int eventBytes, double seconds, double offsetsSeconds,
            Measurement.CpuUse cpu, TriageCounts counts) {
    }

    /**
     * Publishes {@code alerts} alerts of schools named from {@code prefixStart} to the running triage and waits
     * until its database holds every one of them in an incident. The time runs from the first record sent
     * (the events are encoded beforehand) to that commit; the producer sends them far faster than triage
     * places them, so triage is the queue.
     */
    private Placed place(Connection db, ServiceGroup group, KafkaProducer<String, String> producer, String prefixStart,
            int alerts, long seed, CpuMeter meter) throws Exception {
        String prefix = prefixStart + Markers.next().substring(1, 7).toLowerCase(Locale.ROOT);
        AlertMix mix = AlertMix.typical(prefix, seed);
        ExpectedIncidents expected = ExpectedIncidents.ofMix();
        List<ProducerRecord<String, String>> records = new ArrayList<>(alerts);
        long bytes = 0;
        for (int i = 0; i < alerts; i++) {
            AlertReceived alert = mix.next();
            expected.add(alert);
            // As intake publishes it (AlertPublisher): the alert id as event id, subject and correlation id.
            String event = EventCodec.encode(alert.alertId(), "/vigil/intake", alert, alert.alertId(),
                    alert.trustId(), alert.schoolId(), alert.alertId(), alert.receivedAt());
            bytes += event.length();
            records.add(RawKafkaBaseline.record(Topics.ALERTS, alert.schoolId(), event));
        }
        Map<TopicPartition, Long> from = TopicEnds.of(infra.kafkaBootstrap(), Topics.ALERTS);
        Host.log("  publishing %,d alerts of schools %s-school-* to %s (triage running)", alerts, prefix,
                Topics.ALERTS);
        CpuMeter.Reading cpu0 = meter.read();
        long startedAt = System.nanoTime();
        records.forEach(producer::send);
        producer.flush();
        long storedAt = awaitStored(db, mix.trustPrefix(), alerts,
                Duration.ofMinutes(options.correlationTimeoutMinutes()));
        Measurement.CpuUse cpu = meter.read().since(cpu0);
        Map<TopicPartition, Long> ends = TopicEnds.of(infra.kafkaBootstrap(), Topics.ALERTS);
        long published = ServiceGroup.passed(ends, from, ends);
        if (published != alerts) {
            throw new IllegalStateException("Published " + alerts + " alerts but " + Topics.ALERTS + " grew by "
                    + published);
        }
        long doneAt = group.awaitEnds(from, ends, Duration.ofMinutes(options.correlationTimeoutMinutes()));
        TriageCounts counts = TriageCounts.of(db, mix.trustPrefix());
        awaitOutboxDrained(db);
        return new Placed(expected, from, ends, (int) (bytes / Math.max(1, alerts)), (storedAt - startedAt) / 1e9,
                (doneAt - startedAt) / 1e9, cpu, counts);
    }

    /** One repetition: triage (warm) over new alerts, then the raw consumer over the same records. */
    private TriageReport.Correlation correlate(Connection db, int rep, ServiceGroup group,
            KafkaProducer<String, String> producer, CpuMeter meter, int[] eventBytes) throws Exception {
        Host.log("Repetition %d", rep);
        Placed placed = place(db, group, producer, "lt" + rep, options.alerts(), options.seed() + rep, meter);
        eventBytes[0] = placed.eventBytes();
        Host.log("  expected: %,d incidents holding %,d alerts", placed.expected().incidents(),
                placed.expected().alerts());

        // The first read warms the consumer and the decoder up (JIT); the second is timed.
        RawConsumeBaseline.read(infra.kafkaBootstrap(), placed.from(), placed.ends(), Duration.ofMinutes(10));
        double rawCpu0 = ProcessCpu.seconds(ProcessHandle.current().pid());
        RawConsumeBaseline.Read raw = RawConsumeBaseline.read(infra.kafkaBootstrap(), placed.from(), placed.ends(),
                Duration.ofMinutes(10));
        double rawCpu = ProcessCpu.seconds(ProcessHandle.current().pid()) - rawCpu0;
        Host.log("  raw consume: %,d records in %.2f s = %,.0f/s", raw.records(), raw.seconds(), raw.rate());

        TriageCounts counts = placed.counts();
        TriageReport.Correlation result = new TriageReport.Correlation(rep, options.alerts(), raw.seconds(),
                placed.seconds(), placed.offsetsSeconds(), rawCpu, placed.cpu().service("triage"),
                placed.cpu().postgres(), placed.expected().incidents(), counts.incidents(), placed.expected().alerts(),
                counts.alerts());
        Host.log("  triage: %,d alerts in %.1f s = %,.0f/s, %.3f x raw (offsets committed after %.1f s); incidents"
                + " %,d (expected %,d), alerts in them %,d (expected %,d)%s", result.alerts(), result.triageSeconds(),
                result.triageRate(), result.ratio(), result.offsetsSeconds(), counts.incidents(),
                placed.expected().incidents(), counts.alerts(), placed.expected().alerts(),
                result.right() ? "" : "  <-- MISMATCH");
        Host.log("  CPU per 1,000 alerts: raw consumer %,.0f ms, triage %,.0f ms, PostgreSQL %,.0f ms",
                result.perThousand(rawCpu), result.perThousand(result.triageCpuSeconds()),
                result.perThousand(result.postgresCpuSeconds()));
        return result;
    }

    /**
     * Waits until triage's database holds {@code alerts} alerts in incidents of the run's trusts (the
     * transactions that placed them committed); returns that moment ({@link System#nanoTime}).
     */
    private static long awaitStored(Connection db, String trustPrefix, long alerts, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (TriageCounts.of(db, trustPrefix).alerts() >= alerts) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Triage did not store " + alerts + " alerts within " + timeout);
    }

    /** Incidents of a run's trusts in triage's database, and the alerts they hold. */
    private record TriageCounts(long incidents, long alerts) {

        static TriageCounts of(Connection db, String trustPrefix) throws SQLException {
            try (PreparedStatement query = db.prepareStatement("select count(*), coalesce(sum(alert_count), 0) "
                    + "from incident where trust_id like ?")) {
                query.setString(1, trustPrefix + "%");
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return new TriageCounts(rs.getLong(1), rs.getLong(2));
                }
            }
        }
    }

    /** Waits until triage has relayed every event its outbox holds, so the next repetition starts quiet. */
    private static void awaitOutboxDrained(Connection db) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select count(*) from vigil_outbox")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        Host.log("  triage's outbox was not empty after 5 minutes");
    }

    /** Status changes at each size of the incident table. */
    private List<TriageReport.CaseChangesAt> changeCases(Path root) throws Exception {
        List<TriageReport.CaseChangesAt> results = new ArrayList<>();
        Host.log("Starting triage for the case changes (log: %s)", LOGS.resolve("triage.log"));
        int port = Ports.free();
        try (ServiceProcess triage = startTriage(root, port); Connection db = triageDb()) {
            IncidentTable table = new IncidentTable(db);
            table.empty();
            String salt = Markers.next();
            boolean warm = false;
            for (long size : options.sizes()) {
                int extra = warm ? 0 : options.warmupCases();
                long t0 = System.nanoTime();
                List<UUID> cases = table.growTo(size, options.cases() + extra, salt + "-" + size);
                double fill = (System.nanoTime() - t0) / 1e9;
                Host.log("Incident table at %,d rows (filled in %.1f s)", table.count(), fill);
                // A token per size: the realm's tokens live a few minutes.
                String token = AccessTokens.password(infra.tokenUrl(), DemoRealm.user("north", "dsl"),
                        DemoRealm.USER_PASSWORD);
                CaseChanges changes = new CaseChanges(port, token);
                if (!warm) {
                    ClientThreads.Outcome warmup = changes.run(cases.subList(0, extra), options.clients());
                    Host.log("  warm-up: %,d changes, not 200: %s", warmup.accepted(), warmup.failures());
                    cases = cases.subList(extra, cases.size());
                    warm = true;
                }
                ClientThreads.Outcome outcome = changes.run(cases, options.clients());
                TriageReport.CaseChangesAt at = new TriageReport.CaseChangesAt(size, fill, outcome.accepted(),
                        outcome.seconds(), outcome.sortedLatencies(), outcome.failures());
                Host.log("  %,d status changes in %.1f s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%s", at.changes(),
                        at.seconds(), at.millis(50), at.millis(99), at.maxMillis(),
                        at.failures().isEmpty() ? "" : "; not 200: " + at.failures());
                results.add(at);
            }
        }
        return results;
    }

    private ServiceProcess startTriage(Path root, int port) {
        return ServiceFleet.startAlone("triage", infra, root, port, Map.of(), LOGS);
    }

    /** Triage's database role: a local-development default (user = password = database name). */
    private Connection triageDb() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl("triage"), "triage", "triage");
    }
}
