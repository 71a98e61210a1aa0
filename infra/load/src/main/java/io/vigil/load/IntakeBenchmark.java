package io.vigil.load;

import io.vigil.contracts.topics.Topics;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
            Map<String, String> given = new TreeMap<>();
            boolean jfr = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--jfr")) {
                    jfr = true;
                } else if (arg.startsWith("--") && i + 1 < args.length) {
                    given.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("Unknown argument: " + arg);
                }
            }
            String command = given.remove("command");
            Options options = new Options(
                    Path.of(required(given.remove("state-dir"), "--state-dir")),
                    integer(given.remove("syslog-lines"), 200_000),
                    integer(given.remove("syslog-connections"), 2),
                    integer(given.remove("batches"), 200),
                    integer(given.remove("batch-clients"), 4),
                    integer(given.remove("single-seconds"), 60),
                    integer(given.remove("single-concurrency"), 64),
                    integer(given.remove("round-trip-seconds"), 10),
                    integer(given.remove("warmup-seconds"), 15),
                    integer(given.remove("repetitions"), 3),
                    Path.of(orElse(given.remove("doc"), "docs/performance.md")),
                    Path.of(orElse(given.remove("csv"), "docs/performance-single-webhook-latency.csv")),
                    jfr, orElse(command, "infra/load/run.sh intake"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("Unknown options: " + given.keySet());
            }
            return options;
        }

        private static int integer(String value, int fallback) {
            return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
        }

        private static String orElse(String value, String fallback) {
            return value == null ? fallback : value;
        }

        private static String required(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " is required");
            }
            return value;
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
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: infra/load/run.sh intake [--syslog-lines N] [--syslog-connections N]"
                    + " [--batches N] [--batch-clients N] [--single-seconds S] [--single-concurrency N]"
                    + " [--round-trip-seconds S] [--warmup-seconds S] [--repetitions N] [--doc FILE] [--csv FILE]"
                    + " [--jfr]");
            System.exit(2);
            return;
        }
        new IntakeBenchmark(options).run();
    }

    private void run() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Endpoints infra = Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME));
        Path results = root.resolve("infra/load/target/results");
        Files.createDirectories(results);
        log("Starting intake (log: %s)", results.resolve("logs/intake.log"));
        try (IntakeUnderTest intake = IntakeUnderTest.start(infra, root, results.resolve("logs"));
                AlertWatcher watcher = new AlertWatcher(infra.kafkaBootstrap());
                RawKafkaBaseline raw = new RawKafkaBaseline(infra.kafkaBootstrap())) {
            cpu = new CpuMeter(intake.pid(), options.stateDir());
            ConsumerRecord<String, String> syslogRecord = intake.bindSyslogSource(infra, watcher);
            ConsumerRecord<String, String> webhookRecord = oneWebhookAlert(intake, watcher);
            int recordBytes = bytes(syslogRecord.value());
            log("A syslog alert's event is %,d bytes, a webhook alert's %,d (key %s)", recordBytes,
                    bytes(webhookRecord.value()), syslogRecord.key());
            // The baseline sends events of the very size intake publishes, under the same key.
            String rawValue = syslogRecord.value();
            String key = syslogRecord.key();
            SyslogLoad syslog = new SyslogLoad(Ports.HOST, intake.syslogPort(), options.syslogConnections(), watcher);
            WebhookLoad webhook = new WebhookLoad(Ports.HOST, intake.httpPort(), IntakeUnderTest.API_KEY);

            log("Warming up (JIT) every path once");
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
                jcmd(intake.pid(), "JFR.start", "name=load", "settings=profile",
                        "filename=" + results.resolve("intake.jfr"));
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
                long before = alertsOnTopic(infra);
                measure(Phase.BATCH_WEBHOOK, r, () -> timed(webhook.batches(Markers.next(), options.batches(),
                        BATCH_SIZE, options.batchClients()), BATCH_SIZE));
                long published = alertsOnTopic(infra) - before;
                if (published != (long) options.batches() * BATCH_SIZE) {
                    log("Warning: %,d batch alerts answered 202 but %,d events reached %s",
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
                jcmd(intake.pid(), "JFR.stop", "name=load");
                log("Intake's flight recording: %s", results.resolve("intake.jfr"));
            }

            Report report = new Report(context(recordBytes, bytes(webhookRecord.value()), bytes(key)), measurements);
            System.out.println();
            System.out.print(report.console());
            report.writeInto(options.doc());
            List<String> csv = new ArrayList<>();
            csv.add(LatencyCsv.HEADER);
            csv.addAll(csvRows);
            Files.write(options.csv(), csv, StandardCharsets.UTF_8);
            log("Wrote %s and %s", options.doc(), options.csv());
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
        log("%-44s #%d: %,d %s in %.2f s = %,.0f/s%s", phase.label, repetition, m.count(), phase.unit, m.seconds(),
                m.rate(), m.failures().isEmpty() ? "" : "; not accepted: " + m.failures());
    }

    private static ConsumerRecord<String, String> oneWebhookAlert(IntakeUnderTest intake, AlertWatcher watcher)
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

    /** Records on {@code vigil.alerts.v1} so far: the sum of its partitions' end offsets. */
    private static long alertsOnTopic(Endpoints infra) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", infra.kafkaBootstrap());
        props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(props)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Report.Context context(int syslogBytes, int webhookBytes, int keyBytes) {
        return new Report.Context(options.command(), LocalDate.now().toString(), machine(), options.syslogLines(),
                options.syslogConnections(), options.batches(), options.batchClients(), options.singleSeconds(),
                options.singleConcurrency(), options.roundTripSeconds(), options.repetitions(), syslogBytes,
                webhookBytes, keyBytes);
    }

    /** Cores, memory, CPU model and JDK, as a line. */
    private static String machine() {
        String model = "unknown CPU";
        long memKb = 0;
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            // Left as unknown.
        }
        return String.format(Locale.ROOT, "%d cores (nproc), %.0f GiB RAM, %s, Java %s",
                Runtime.getRuntime().availableProcessors(), memKb / 1024.0 / 1024.0, model,
                System.getProperty("java.version"));
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            log("jcmd %s failed: %s", String.join(" ", command), output.trim());
        }
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[load] " + format + "%n", args);
    }
}
