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
import java.sql.Array;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * The reporting benchmark: how fast reporting, as its own process on the running infrastructure, projects
 * incident events already waiting on {@code vigil.incidents.v1} into its register, against a plain consumer
 * reading and decoding the same records in the same run; and whether the register then holds what the
 * events say. One reporting process serves the whole run: warmed up first, then frozen while each
 * repetition's events are published and read by the raw consumer, and timed from the moment it is let go
 * until its database marks the last event of every partition processed. See {@code infra/load/run.sh} and
 * {@code docs/performance.md}.
 */
public final class ReportingBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Path LOGS = Path.of("infra/load/target/results/logs").toAbsolutePath();
    /** Reporting's consumer of incident events, as its processed-event marks name it ({@code IncidentEventConsumer}). */
    private static final String CONSUMER = "reporting.incidents";
    /** How often reporting's database is asked whether the events are projected. */
    private static final long PROJECTED_POLL_MILLIS = 20;
    /** The longest freeze allowed: well under the 45 s after which Kafka drops a silent consumer and rebalances. */
    private static final double MAX_FREEZE_SECONDS = 40;

    /** What to run. */
    record Options(Path stateDir, int incidents, int warmupIncidents, int repetitions, long seed, int timeoutMinutes,
            Path doc, String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of());
            int incidents = line.integer("incidents", 10_000);
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    incidents,
                    line.integer("warmup-incidents", incidents),
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
                + " [--warmup-incidents N] [--repetitions N] [--seed N] [--timeout-minutes M] [--doc FILE]");
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
            // Reporting reads only what this run publishes: past whatever its topics hold already.
            Map<TopicPartition, Long> start = new HashMap<>(TopicEnds.of(infra.kafkaBootstrap(), Topics.INCIDENTS));
            start.putAll(TopicEnds.of(infra.kafkaBootstrap(), Topics.NOTIFICATIONS));
            start.putAll(TopicEnds.of(infra.kafkaBootstrap(), Topics.AUDIT));
            group.startFrom(start, Duration.ofMinutes(3));
            Host.log("Starting reporting for the whole run (log: %s)", LOGS.resolve("reporting.log"));
            try (ServiceProcess reporting = ServiceFleet.startAlone("reporting", infra, root, Ports.free(), Map.of(),
                    LOGS); Connection db = reportingDb()) {
                group.awaitStart(start, START_TIMEOUT);
                warmUp(group, producer, db);
                for (int rep = 1; rep <= options.repetitions(); rep++) {
                    projections.add(project(rep, reporting, group, producer, db, eventBytes));
                }
            }
        }
        ReportingReport report = new ReportingReport(new ReportingReport.Context(options.command(),
                LocalDate.now().toString(), Host.describe(), options.incidents(), options.warmupIncidents(),
                eventBytes[0]), projections);
        System.out.println();
        System.out.print(report.console());
        report.writeInto(options.doc());
        Host.log("Wrote %s", options.doc());
    }

    /** Untimed: histories of a trust of their own, projected by reporting as they arrive, to warm its JIT up. */
    private void warmUp(ServiceGroup group, KafkaProducer<String, String> producer, Connection db) throws Exception {
        String trustId = "lw" + Markers.next().substring(1, 7).toLowerCase(Locale.ROOT);
        Host.log("Warm-up (untimed): publishing %,d incident histories of trust %s to %s", options.warmupIncidents(),
                trustId, Topics.INCIDENTS);
        IncidentHistories histories = new IncidentHistories(trustId, options.seed());
        long began = System.nanoTime();
        Published published = publish(histories, options.warmupIncidents(), producer);
        long projectedAt = awaitProjected(db, published.lastEventIds(), timeout());
        long committedAt = group.awaitEnds(published.from(), published.ends(), timeout());
        RegisterCounts counts = RegisterCounts.of(db, trustId);
        Host.log("  warm-up: %,d events projected %.1f s after publishing began (offsets committed after %.1f s);"
                + " register %s", histories.events(), (projectedAt - began) / 1e9, (committedAt - began) / 1e9,
                counts.matches(histories) ? "right" : "WRONG: " + counts);
    }

    /**
     * One repetition: reporting frozen while the histories go onto the topic and the raw consumer reads them,
     * then reporting let go over them.
     */
    private ReportingReport.Projection project(int rep, ServiceProcess reporting, ServiceGroup group,
            KafkaProducer<String, String> producer, Connection db, int[] eventBytes) throws Exception {
        String trustId = "lr" + rep + Markers.next().substring(1, 7).toLowerCase(Locale.ROOT);
        IncidentHistories histories = new IncidentHistories(trustId, options.seed() + rep);
        Published published;
        RawConsumeBaseline.Read raw;
        long resumedAt;
        double frozen;
        // Warm and still, reporting finds the repetition's events waiting for it, as the raw consumer does.
        try (Freeze freeze = Freeze.stop(reporting.pid())) {
            Host.log("Repetition %d: reporting frozen; publishing %,d incident histories of trust %s to %s", rep,
                    options.incidents(), trustId, Topics.INCIDENTS);
            published = publish(histories, options.incidents(), producer);
            eventBytes[0] = (int) (published.bytes() / Math.max(1, histories.events()));
            Host.log("  %,d events: %,d incidents, %,d closed, %,d referrals (published %.1f s into the freeze)",
                    histories.events(), histories.incidents(), histories.closed(), histories.referrals(),
                    freeze.seconds());

            // The first read warms the consumer and the decoder up (JIT); the second is timed.
            RawConsumeBaseline.read(infra.kafkaBootstrap(), Topics.INCIDENTS, published.from(), published.ends(),
                    Duration.ofMinutes(10), ReportingBenchmark::decode);
            raw = RawConsumeBaseline.read(infra.kafkaBootstrap(), Topics.INCIDENTS, published.from(),
                    published.ends(), Duration.ofMinutes(10), ReportingBenchmark::decode);
            Host.log("  raw consume: %,d records in %.2f s = %,.0f/s", raw.records(), raw.seconds(), raw.rate());
            resumedAt = freeze.resume();
            frozen = freeze.seconds();
        }
        Host.log("  reporting resumed after %.1f s frozen", frozen);
        if (frozen > MAX_FREEZE_SECONDS) {
            throw new IllegalStateException(String.format(Locale.ROOT, "Repetition %d: reporting was frozen for"
                    + " %.1f s, more than the %.0f s allowed: its consumer may have been dropped from the group"
                    + " (session timeout 45 s), and the rebalance would be measured. Use fewer --incidents.", rep,
                    frozen, MAX_FREEZE_SECONDS));
        }
        long projectedAt = awaitProjected(db, published.lastEventIds(), timeout());
        long committedAt = group.awaitEnds(published.from(), published.ends(), timeout());
        RegisterCounts counts = RegisterCounts.of(db, trustId);
        double seconds = (projectedAt - resumedAt) / 1e9;
        double offsetsSeconds = (committedAt - resumedAt) / 1e9;
        ReportingReport.Projection result = new ReportingReport.Projection(rep, histories.events(), raw.seconds(),
                seconds, offsetsSeconds, histories.incidents(), counts.incidents(), histories.closed(),
                counts.closed(), histories.referrals(), counts.referrals());
        Host.log("  reporting: %,d events in %.1f s = %,.0f/s, %.3f x raw (offsets committed after %.1f s);"
                + " incidents %,d (expected %,d), closed %,d (expected %,d), referrals %,d (expected %,d)%s",
                result.events(), seconds, result.reportingRate(), result.ratio(), offsetsSeconds, counts.incidents(),
                histories.incidents(), counts.closed(), histories.closed(), counts.referrals(),
                histories.referrals(), result.right() ? "" : "  <-- MISMATCH");
        return result;
    }

    private Duration timeout() {
        return Duration.ofMinutes(options.timeoutMinutes());
    }

    /**
     * Histories on {@code vigil.incidents.v1}: where the topic stood before and after, the event id of the
     * last record of each partition written, and the bytes of all the events.
     */
    private record Published(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends,
            List<String> lastEventIds, long bytes) {
    }

    /** A record the broker acknowledged: where it went and the event it carries. */
    private record Sent(long offset, String eventId) {
    }

    /** Publishes {@code incidents} more histories and waits until the broker acknowledged every record. */
    private Published publish(IncidentHistories histories, int incidents, KafkaProducer<String, String> producer) {
        Map<TopicPartition, Long> from = TopicEnds.of(infra.kafkaBootstrap(), Topics.INCIDENTS);
        Map<TopicPartition, Sent> last = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        Instant at = Instant.now();
        for (int i = 0; i < incidents; i++) {
            for (IncidentHistories.Event event : histories.next(at.plusMillis(i))) {
                bytes += event.record().value().length();
                String eventId = event.id();
                producer.send(event.record(), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        last.merge(new TopicPartition(metadata.topic(), metadata.partition()),
                                new Sent(metadata.offset(), eventId), (a, b) -> a.offset() >= b.offset() ? a : b);
                    }
                });
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Publishing to " + Topics.INCIDENTS + " failed", failure.get());
        }
        Map<TopicPartition, Long> ends = TopicEnds.of(infra.kafkaBootstrap(), Topics.INCIDENTS);
        long published = ServiceGroup.passed(ends, from, ends);
        if (published != histories.events()) {
            throw new IllegalStateException("Published " + histories.events() + " events but " + Topics.INCIDENTS
                    + " grew by " + published);
        }
        last.forEach((partition, sent) -> {
            if (sent.offset() + 1 != ends.get(partition)) {
                throw new IllegalStateException(partition + " ends at " + ends.get(partition) + ", not after the"
                        + " last record published (offset " + sent.offset() + ")");
            }
        });
        return new Published(from, ends, last.values().stream().map(Sent::eventId).toList(), bytes);
    }

    /**
     * Waits, asking reporting's database every 20 ms, until it marks every one of {@code lastEventIds}
     * processed; answers {@link System#nanoTime()} when the query that saw it returned. Reporting projects
     * each partition's records in order, and a poll's processed-event marks commit in the same transaction
     * as the register changes of its events, so once the last event of every partition written is marked,
     * every event before it is in the register too. Committed offsets would say the same later: they are
     * committed only every few seconds.
     */
    private static long awaitProjected(Connection db, List<String> lastEventIds, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Array ids = db.createArrayOf("varchar", lastEventIds.toArray());
        try (PreparedStatement query = db.prepareStatement("select count(*) from vigil_processed_event"
                + " where consumer = ? and event_id = any(?)")) {
            query.setString(1, CONSUMER);
            query.setArray(2, ids);
            while (true) {
                long marked;
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    marked = rs.getLong(1);
                }
                long now = System.nanoTime();
                if (marked == lastEventIds.size()) {
                    return now;
                }
                if (now > deadline) {
                    throw new IllegalStateException("Reporting marked " + marked + " of the last " + lastEventIds.size()
                            + " events of the partitions written processed within " + timeout.toMinutes() + " min");
                }
                Thread.sleep(PROJECTED_POLL_MILLIS);
            }
        } finally {
            ids.free();
        }
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

        boolean matches(IncidentHistories histories) {
            return incidents == histories.incidents() && closed == histories.closed()
                    && referrals == histories.referrals();
        }
    }

    /** Reporting's database role: a local-development default (user = password = database name). */
    private Connection reportingDb() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl("reporting"), "reporting", "reporting");
    }
}
