package io.vigil.load;

import io.vigil.contracts.topics.Topics;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The intake benchmark: intake as its own process on the running infrastructure, measured over syslog
 * TCP, the batch webhook and the single-alert webhook against a raw Kafka producer on the same broker in
 * the same run, each phase warmed up and then repeated. See {@code infra/load/run.sh} and
 * {@code docs/performance.md}.
 */
public final class IntakeBenchmark {

    private static final Duration ALERTS_TIMEOUT = Duration.ofMinutes(10);
    private static final int BATCH_SIZE = 1_000;

    /** What to run; every option has a default that finishes in a few minutes on two cores. */
    record Options(Path stateDir, int syslogLines, int syslogConnections, int batches, int batchClients,
            int singleSeconds, int singleConcurrency, int roundTripSeconds, int warmupSeconds, int repetitions,
            Path doc, Path csv, boolean jfr, String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, java.util.Set.of("jfr"));
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    line.integer("syslog-lines", 200_000),
                    line.integer("syslog-connections", 2),
                    line.integer("batches", 200),
                    line.integer("batch-clients", 4),
                    line.integer("single-seconds", 60),
                    line.integer("single-concurrency", 64),
                    line.integer("round-trip-seconds", 10),
                    line.integer("warmup-seconds", 15),
                    line.integer("repetitions", 3),
                    Path.of(line.string("doc", "docs/performance.md")),
                    Path.of(line.string("csv", "docs/performance-single-webhook-latency.csv")),
                    line.flag("jfr"), line.string("command", "infra/load/run.sh intake"));
            line.requireAllTaken();
            return options;
        }
    }

    private final Options options;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> csvRows = new ArrayList<>();
    private CpuMeter cpu;

    private IntakeBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh intake [--syslog-lines N]"
                + " [--syslog-connections N] [--batches N] [--batch-clients N] [--single-seconds S]"
                + " [--single-concurrency N] [--round-trip-seconds S] [--warmup-seconds S] [--repetitions N]"
                + " [--doc FILE] [--csv FILE] [--jfr]");
        new IntakeBenchmark(options).run();
    }

    private void run() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Endpoints infra = Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME));
        Path results = root.resolve("infra/load/target/results");
        Files.createDirectories(results);
        Host.log("Starting intake (log: %s)", results.resolve("logs/intake.log"));
        try (IntakeUnderTest intake = IntakeUnderTest.start(infra, root, results.resolve("logs"));
                AlertWatcher watcher = new AlertWatcher(infra.kafkaBootstrap());
                RawKafkaBaseline raw = new RawKafkaBaseline(infra.kafkaBootstrap())) {
            cpu = new CpuMeter(intake.pid(), options.stateDir());
            ConsumerRecord<String, String> syslogRecord = intake.bindSyslogSource(infra, watcher);
            ConsumerRecord<String, String> webhookRecord = oneWebhookAlert(intake, watcher);
            int recordBytes = bytes(syslogRecord.value());
            Host.log("A syslog alert's event is %,d bytes, a webhook alert's %,d (key %s)", recordBytes,
                    bytes(webhookRecord.value()), syslogRecord.key());
            // The baseline sends events of the very size intake publishes, under the same key.
            String rawValue = syslogRecord.value();
            String key = syslogRecord.key();
            SyslogLoad syslog = new SyslogLoad(Ports.HOST, intake.syslogPort(), options.syslogConnections(), watcher);
            WebhookLoad webhook = new WebhookLoad(Ports.HOST, intake.httpPort(), IntakeUnderTest.API_KEY);

            Host.log("Warming up (JIT) every path once");
            int warmLines = Math.max(1_000, options.syslogLines() / 4);
            String warmTopic = "vigil.load.raw-warmup-" + Markers.next().toLowerCase(Locale.ROOT);
            raw.createTopic(warmTopic);
            raw.send(warmTopic, key, rawValue, warmLines);
            raw.roundTrips(warmTopic, key, rawValue, Duration.ofSeconds(Math.max(1, options.warmupSeconds() / 3)),
                    options.singleConcurrency());
            syslog.run(Markers.next(), warmLines, ALERTS_TIMEOUT);
            webhook.batches(Markers.next(), Math.max(1, options.batches() / 4), BATCH_SIZE, options.batchClients());
            webhook.singles(Markers.next(), Duration.ofSeconds(options.warmupSeconds()), options.singleConcurrency());

            if (options.jfr()) {
                FlightRecording.start(intake.pid(), results.resolve("intake.jfr"));
            }
            for (int rep = 1; rep <= options.repetitions(); rep++) {
                int r = rep;
                String topic = "vigil.load.raw-" + Markers.next().toLowerCase(Locale.ROOT);
                raw.createTopic(topic);
                measure(Phase.RAW_KAFKA, r, () -> {
                    double seconds = raw.send(topic, key, rawValue, options.syslogLines());
                    return new Timed(options.syslogLines(), seconds, new long[0], Map.of());
                });
                measure(Phase.RAW_KAFKA_ROUND_TRIPS, r, () -> timed(raw.roundTrips(topic, key, rawValue,
                        Duration.ofSeconds(options.roundTripSeconds()), options.singleConcurrency()), 1));
                measure(Phase.SYSLOG_TCP, r, () -> {
                    double seconds = syslog.run(Markers.next(), options.syslogLines(), ALERTS_TIMEOUT);
                    return new Timed(options.syslogLines(), seconds, new long[0], Map.of());
                });
                long before = TopicEnds.records(infra.kafkaBootstrap(), Topics.ALERTS);
                measure(Phase.BATCH_WEBHOOK, r, () -> timed(webhook.batches(Markers.next(), options.batches(),
                        BATCH_SIZE, options.batchClients()), BATCH_SIZE));
                long published = TopicEnds.records(infra.kafkaBootstrap(), Topics.ALERTS) - before;
                if (published != (long) options.batches() * BATCH_SIZE) {
                    Host.log("Warning: %,d batch alerts answered 202 but %,d events reached %s",
                            (long) options.batches() * BATCH_SIZE, published, Topics.ALERTS);
                }
                measure(Phase.SINGLE_WEBHOOK, r, () -> {
                    ClientThreads.Outcome outcome = webhook.singles(Markers.next(),
                            Duration.ofSeconds(options.singleSeconds()), options.singleConcurrency());
                    csvRows.addAll(LatencyCsv.rows(r, outcome.samples()));
                    return timed(outcome, 1);
                });
            }
            if (options.jfr()) {
                FlightRecording.stop(intake.pid());
                Host.log("Intake's flight recording: %s", results.resolve("intake.jfr"));
            }

            Report report = new Report(context(recordBytes, bytes(webhookRecord.value()), bytes(key)), measurements);
            System.out.println();
            System.out.print(report.console());
            report.writeInto(options.doc());
            List<String> csv = new ArrayList<>();
            csv.add(LatencyCsv.HEADER);
            csv.addAll(csvRows);
            Files.write(options.csv(), csv, StandardCharsets.UTF_8);
            Host.log("Wrote %s and %s", options.doc(), options.csv());
        }
    }

    /** The count, time, latencies and failures of one timed run. */
    private record Timed(long count, double seconds, long[] sortedLatencies, Map<Integer, Long> failures) {
    }

    /** An outcome of client threads; each accepted call carries {@code perCall} alerts. */
    private static Timed timed(ClientThreads.Outcome outcome, int perCall) {
        return new Timed(outcome.accepted() * perCall, outcome.seconds(), outcome.sortedLatencies(), outcome.failures());
    }

    private interface Run {
        Timed run() throws Exception;
    }

    private void measure(Phase phase, int repetition, Run run) throws Exception {
        CpuMeter.Reading before = cpu.read();
        Timed timed = run.run();
        Measurement m = new Measurement(phase, repetition, timed.count(), timed.seconds(), timed.sortedLatencies(),
                timed.failures(), cpu.read().since(before));
        measurements.add(m);
        Host.log("%-44s #%d: %,d %s in %.2f s = %,.0f/s%s", phase.label, repetition, m.count(), phase.unit, m.seconds(),
                m.rate(), m.failures().isEmpty() ? "" : "; not accepted: " + m.failures());
    }

    static ConsumerRecord<String, String> oneWebhookAlert(IntakeUnderTest intake, AlertWatcher watcher)
            throws Exception {
        String marker = Markers.next();
        AlertWatcher.Expectation expected = watcher.expect(marker, 1);
        try (HttpConnection connection = new HttpConnection(Ports.HOST, intake.httpPort())) {
            int status = connection.post(HttpConnection.head(Ports.HOST, intake.httpPort(), "/api/v1/alerts",
                    IntakeUnderTest.API_KEY), WebhookAlerts.alert(marker, 0).getBytes(StandardCharsets.UTF_8));
            if (status != ClientThreads.ACCEPTED) {
                throw new IllegalStateException("A single alert was answered " + status + "; see " + intake.log());
            }
        }
        expected.awaitAll(Duration.ofSeconds(30));
        return expected.first();
    }

    private Report.Context context(int syslogBytes, int webhookBytes, int keyBytes) {
        return new Report.Context(options.command(), LocalDate.now().toString(), Host.describe(), options.syslogLines(),
                options.syslogConnections(), options.batches(), options.batchClients(), options.singleSeconds(),
                options.singleConcurrency(), options.roundTripSeconds(), options.repetitions(), syslogBytes,
                webhookBytes, keyBytes);
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
