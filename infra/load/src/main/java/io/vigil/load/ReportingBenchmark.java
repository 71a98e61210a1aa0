package io.vigil.load;

import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.topics.Topics;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The reporting benchmark: how fast reporting, as its own process on the running infrastructure, projects
 * incident events already waiting on {@code vigil.incidents.v1} into its register, against a plain consumer
 * reading and decoding the same records in the same run; and whether the register then holds what the
 * events say. See {@code infra/load/run.sh} and {@code docs/performance.md}.
 */
public final class ReportingBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Path LOGS = Path.of("infra/load/target/results/logs").toAbsolutePath();

    /** What to run. */
    record Options(Path stateDir, int incidents, int repetitions, long seed, int timeoutMinutes, Path doc,
            String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of());
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    line.integer("incidents", 10_000),
                    line.integer("repetitions", 3),
                    line.integer("seed", 20_261_124),
                    line.integer("timeout-minutes", 30),
                    Path.of(line.string("doc", "docs/performance.md")),
                    line.string("command", "infra/load/run.sh reporting"));
            line.requireAllTaken();
            return options;
        }
    }

    private final Options options;
    private final Endpoints infra;

    private ReportingBenchmark(Options options, Endpoints infra) {
        this.options = options;
        this.infra = infra;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh reporting [--incidents N]"
                + " [--repetitions N] [--seed N] [--timeout-minutes M] [--doc FILE]");
        Files.createDirectories(LOGS);
        new ReportingBenchmark(options, Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME)))
                .run(Path.of("").toAbsolutePath());
    }

    private void run(Path root) throws Exception {
        List<ReportingReport.Projection> projections = new ArrayList<>();
        int[] eventBytes = {0};
        try (ServiceGroup group = new ServiceGroup(infra.kafkaBootstrap(), "reporting", Topics.INCIDENTS);
                KafkaProducer<String, String> producer = RawKafkaBaseline.intakeLikeProducer(infra.kafkaBootstrap(),
                        "load-reporting-incidents")) {
            for (int rep = 1; rep <= options.repetitions(); rep++) {
                projections.add(project(root, rep, group, producer, eventBytes));
            }
        }
        ReportingReport report = new ReportingReport(new ReportingReport.Context(options.command(),
                LocalDate.now().toString(), Host.describe(), options.incidents(), eventBytes[0]), projections);
        System.out.println();
        System.out.print(report.console());
        report.writeInto(options.doc());
        Host.log("Wrote %s", options.doc());
    }

    /** One repetition: histories waiting on the topic, the raw consumer over them, then reporting over them. */
    private ReportingReport.Projection project(Path root, int rep, ServiceGroup group,
            KafkaProducer<String, String> producer, int[] eventBytes) throws Exception {
        String trustId = "lr" + rep + Markers.next().substring(1, 7).toLowerCase(Locale.ROOT);
        Map<TopicPartition, Long> from = TopicEnds.of(infra.kafkaBootstrap(), Topics.INCIDENTS);
        // Reporting starts where these events start, and past whatever its other topics hold.
        Map<TopicPartition, Long> start = new HashMap<>(from);
        start.putAll(TopicEnds.of(infra.kafkaBootstrap(), Topics.NOTIFICATIONS));
        start.putAll(TopicEnds.of(infra.kafkaBootstrap(), Topics.AUDIT));
        group.startFrom(start, Duration.ofMinutes(3));
        Host.log("Repetition %d: publishing %,d incident histories of trust %s to %s", rep, options.incidents(),
                trustId, Topics.INCIDENTS);
        IncidentHistories histories = new IncidentHistories(trustId, options.seed() + rep);
        long bytes = 0;
        Instant at = Instant.now();
        for (int i = 0; i < options.incidents(); i++) {
            for (ProducerRecord<String, String> record : histories.next(at.plusMillis(i))) {
                bytes += record.value().length();
                producer.send(record);
            }
        }
        producer.flush();
        eventBytes[0] = (int) (bytes / Math.max(1, histories.events()));
        Map<TopicPartition, Long> ends = TopicEnds.of(infra.kafkaBootstrap(), Topics.INCIDENTS);
        long published = ServiceGroup.passed(ends, from, ends);
        if (published != histories.events()) {
            throw new IllegalStateException("Published " + histories.events() + " events but " + Topics.INCIDENTS
                    + " grew by " + published);
        }
        Host.log("  %,d events: %,d incidents, %,d closed, %,d referrals", histories.events(), histories.incidents(),
                histories.closed(), histories.referrals());

        // The first read warms the consumer and the decoder up (JIT); the second is timed.
        RawConsumeBaseline.read(infra.kafkaBootstrap(), Topics.INCIDENTS, from, ends, Duration.ofMinutes(10),
                ReportingBenchmark::decode);
        RawConsumeBaseline.Read raw = RawConsumeBaseline.read(infra.kafkaBootstrap(), Topics.INCIDENTS, from, ends,
                Duration.ofMinutes(10), ReportingBenchmark::decode);
        Host.log("  raw consume: %,d records in %.2f s = %,.0f/s", raw.records(), raw.seconds(), raw.rate());

        ExecutorService watcher = Executors.newSingleThreadExecutor();
        long startedAt;
        long doneAt;
        RegisterCounts counts;
        Host.log("  starting reporting (log: %s)", LOGS.resolve("reporting.log"));
        try {
            Future<Long> started = watcher.submit(() -> group.awaitStart(from, START_TIMEOUT));
            try (ServiceProcess reporting = ServiceFleet.startAlone("reporting", infra, root, Ports.free(), Map.of(),
                    LOGS)) {
                startedAt = started.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                doneAt = group.awaitEnds(from, ends, Duration.ofMinutes(options.timeoutMinutes()));
                try (Connection db = reportingDb()) {
                    counts = RegisterCounts.of(db, trustId);
                }
            }
        } finally {
            watcher.shutdownNow();
        }
        double seconds = (doneAt - startedAt) / 1e9;
        ReportingReport.Projection result = new ReportingReport.Projection(rep, histories.events(), raw.seconds(),
                seconds, histories.incidents(), counts.incidents(), histories.closed(), counts.closed(),
                histories.referrals(), counts.referrals());
        Host.log("  reporting: %,d events in %.1f s = %,.0f/s, %.3f x raw; incidents %,d (expected %,d), closed %,d"
                + " (expected %,d), referrals %,d (expected %,d)%s", result.events(), seconds, result.reportingRate(),
                result.ratio(), counts.incidents(), histories.incidents(), counts.closed(), histories.closed(),
                counts.referrals(), histories.referrals(), result.right() ? "" : "  <-- MISMATCH");
        return result;
    }

    /** What reporting's consumer does first with each record: the envelope, then the incident event's payload. */
    private static void decode(String value) {
        CloudEvent event = EventCodec.decode(value);
        Record payload = EventCodec.isA(event, EventType.INCIDENT_OPENED_V1)
                ? EventCodec.payload(event, IncidentOpened.class) : EventCodec.payload(event, IncidentUpdated.class);
        if (payload == null) {
            throw new IllegalStateException("An incident event without a payload");
        }
    }

    /** The run's trust in reporting's register: incidents, closed ones, referrals. */
    private record RegisterCounts(long incidents, long closed, long referrals) {

        static RegisterCounts of(Connection db, String trustId) throws SQLException {
            try (PreparedStatement query = db.prepareStatement("select count(*), count(closed_at), (select count(*)"
                    + " from register_referral r join incident_register i on i.incident_id = r.incident_id"
                    + " where i.trust_id = ?) from incident_register where trust_id = ?")) {
                query.setString(1, trustId);
                query.setString(2, trustId);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return new RegisterCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        }
    }

    /** Reporting's database role: a local-development default (user = password = database name). */
    private Connection reportingDb() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl("reporting"), "reporting", "reporting");
    }
}
