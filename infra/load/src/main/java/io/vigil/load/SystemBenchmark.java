package io.vigil.load;

import io.vigil.contracts.topics.Topics;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import io.vigil.stack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The system benchmark: Vigil as a whole (intake, triage and notification as their own processes on the
 * running infrastructure) against two baselines, all in one run on one machine. (a) Durable ingest: a
 * burst of alerts through intake's batch webhook against a plain Kafka producer sending records of the
 * same size with intake's producer settings, once with triage and notification held still (the machine
 * as the producer has it) and once while they work on the burst. (b) Ingest → notify: the same burst, timed to the last
 * e-mail accepted by SMTP, against Prometheus Alertmanager given the same alerts and notifying a webhook
 * receiver on loopback. (c) A long run at a fixed alert rate: alert accepted → e-mail accepted over time,
 * consumer lag and memory, drawn as a chart. See {@code infra/load/run.sh system} and
 * {@code docs/performance.md}.
 */
public final class SystemBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Path RESULTS = Path.of("infra/load/target/results").toAbsolutePath();
    private static final Path LOGS = RESULTS.resolve("logs");
    private static final int SAMPLE_EVERY_SECONDS = 5;

    /** What to run. */
    record Options(Path stateDir, int alertsPerSecond, int seconds, int warmupSeconds, int alertsPerIncident,
            int connections, int burstAlerts, int batchSize, int batchClients, int repetitions, int timeoutMinutes,
            Path doc, Path chart, String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of());
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    line.integer("alerts-per-second", 1_000),
                    line.integer("seconds", 600),
                    line.integer("warmup-seconds", 120),
                    line.integer("alerts-per-incident", 10),
                    line.integer("connections", 64),
                    line.integer("burst-alerts", 50_000),
                    line.integer("batch-size", 1_000),
                    line.integer("batch-clients", 4),
                    line.integer("repetitions", 3),
                    line.integer("timeout-minutes", 15),
                    Path.of(line.string("doc", "docs/performance.md")),
                    Path.of(line.string("chart", "docs/performance-system-latency.svg")),
                    line.string("command", "infra/load/run.sh system"));
            line.requireAllTaken();
            if (options.alertsPerSecond() < 1 || options.seconds() < 1 || options.alertsPerIncident() < 1
                    || options.burstAlerts() < 1 || options.batchSize() < 1 || options.repetitions() < 1
                    || options.burstAlerts() % options.batchSize() != 0) {
                throw new IllegalArgumentException("--alerts-per-second, --seconds, --alerts-per-incident, --burst-alerts,"
                        + " --batch-size and --repetitions must be at least 1, and --burst-alerts a multiple of"
                        + " --batch-size");
            }
            return options;
        }
    }

    private final Options options;
    private final Endpoints infra;

    private SystemBenchmark(Options options, Endpoints infra) {
        this.options = options;
        this.infra = infra;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh system"
                + " [--alerts-per-second N] [--seconds S] [--warmup-seconds S] [--alerts-per-incident N]"
                + " [--connections N] [--burst-alerts N] [--batch-size N] [--batch-clients N] [--repetitions N]"
                + " [--timeout-minutes M] [--doc FILE] [--chart FILE]");
        Files.createDirectories(LOGS);
        new SystemBenchmark(options, Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME)))
                .run(Path.of("").toAbsolutePath());
    }

    private Duration timeout() {
        return Duration.ofMinutes(options.timeoutMinutes());
    }

    private void run(Path root) throws Exception {
        String bootstrap = infra.kafkaBootstrap();
        List<SystemReport.Burst> bursts = new ArrayList<>();
        List<AlertmanagerBaseline.Result> alertmanager = new ArrayList<>();
        SystemReport.LongRun longRun;
        try (LoadAverages load = new LoadAverages();
                ServiceGroup incidentsGroup = new ServiceGroup(bootstrap, "notification", Topics.INCIDENTS);
                ServiceGroup alertsGroup = new ServiceGroup(bootstrap, "triage", Topics.ALERTS);
                NotificationLedger ledger = new NotificationLedger(infra);
                AlertWatcher watcher = new AlertWatcher(bootstrap);
                RawKafkaBaseline raw = new RawKafkaBaseline(bootstrap)) {
            // Each service starts at the end of what it reads, whatever the topics held before.
            Map<TopicPartition, Long> incidentsFrom = TopicEnds.of(bootstrap, Topics.INCIDENTS);
            incidentsGroup.startFrom(incidentsFrom, Duration.ofMinutes(3));
            Map<TopicPartition, Long> alertsFrom = TopicEnds.of(bootstrap, Topics.ALERTS);
            Map<TopicPartition, Long> triageStart = new HashMap<>(alertsFrom);
            triageStart.putAll(TopicEnds.of(bootstrap, Topics.NOTIFICATIONS));
            alertsGroup.startFrom(triageStart, Duration.ofMinutes(3));
            Host.log("Starting notification, intake and triage (logs: %s)", LOGS);
            try (ServiceProcess notification = ServiceFleet.startAlone("notification", infra, root, Ports.free(),
                    Map.of(), LOGS);
                    IntakeUnderTest intake = IntakeUnderTest.start(infra, root, LOGS);
                    ServiceProcess triage = ServiceFleet.startAlone("triage", infra, root, Ports.free(), Map.of(), LOGS);
                    Connection triageDb = DriverManager.getConnection(infra.jdbcUrl("triage"), "triage", "triage")) {
                incidentsGroup.awaitStart(incidentsFrom, START_TIMEOUT);
                alertsGroup.awaitStart(alertsFrom, START_TIMEOUT);
                WebhookLoad webhook = new WebhookLoad(Ports.HOST, intake.httpPort(), IntakeUnderTest.API_KEY);
                // The baseline's records are of the very size and key intake publishes for a webhook alert.
                ConsumerRecord<String, String> sample = IntakeBenchmark.oneWebhookAlert(intake, watcher);
                Host.log("A webhook alert's event is %,d bytes (key %s)", sample.value().length(), sample.key());

                Host.log("Warming up (JIT): %d s of alerts at %,d/s, a burst of %,d, and the raw producer",
                        options.warmupSeconds(), options.alertsPerSecond(), options.burstAlerts());
                String warm = Markers.next();
                webhook.paced(warm, options.alertsPerSecond(), Duration.ofSeconds(options.warmupSeconds()),
                        options.connections(), options.alertsPerIncident());
                burst(webhook, alertsGroup, ledger, triageDb, 0);
                String warmTopic = "vigil.load.raw-warmup-" + Markers.next().toLowerCase(Locale.ROOT);
                raw.createTopic(warmTopic);
                raw.send(warmTopic, sample.key(), sample.value(), options.burstAlerts());

                for (int rep = 1; rep <= options.repetitions(); rep++) {
                    String topic = "vigil.load.raw-" + Markers.next().toLowerCase(Locale.ROOT);
                    raw.createTopic(topic);
                    double rawSeconds = raw.send(topic, sample.key(), sample.value(), options.burstAlerts());
                    Host.log("Repetition %d: raw Kafka producer: %,d records in %.2f s = %,.0f/s", rep,
                            options.burstAlerts(), rawSeconds, options.burstAlerts() / rawSeconds);
                    ClientThreads.Outcome alone = ingestAlone(webhook, alertsGroup, ledger, triageDb, rep,
                            List.of(triage.pid(), notification.pid()));
                    SystemReport.Burst burst = burst(webhook, alertsGroup, ledger, triageDb, rep)
                            .withRaw(rawSeconds).withAlone(alone.accepted() * options.batchSize(), alone.seconds());
                    bursts.add(burst);
                }

                Host.log("Alertmanager, given the same alerts");
                try (AlertmanagerBaseline am = AlertmanagerBaseline.start(root)) {
                    am.warmUp(options.burstAlerts(), options.alertsPerIncident(), options.batchSize(),
                            options.batchClients());
                    for (int rep = 1; rep <= options.repetitions(); rep++) {
                        AlertmanagerBaseline.Result result = am.measure(Markers.next(), options.burstAlerts(),
                                options.alertsPerIncident(), options.batchSize(), options.batchClients());
                        Host.log("Repetition %d: Alertmanager: %,d alerts ingested in %.2f s, all notified after"
                                + " %.2f s = %,.0f alerts/s", rep, result.accepted(), result.ingestSeconds(),
                                result.notifySeconds(), result.notifyRate());
                        alertmanager.add(result);
                    }
                }

                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("intake", intake.pid());
                pids.put("triage", triage.pid());
                pids.put("notification", notification.pid());
                longRun = longRun(webhook, alertsGroup, incidentsGroup, ledger, triageDb, pids);
            }
            SystemReport report = new SystemReport(new SystemReport.Context(options.command(),
                    LocalDate.now().toString(), Host.describe(), load.min(), load.max(), options.burstAlerts(),
                    options.batchSize(), options.batchClients(), options.alertsPerIncident(), options.repetitions(),
                    options.alertsPerSecond(), options.seconds(), options.warmupSeconds(), options.connections(),
                    root.relativize(options.chart().toAbsolutePath()).toString()), bursts, alertmanager, longRun);
            System.out.println();
            System.out.print(report.console());
            Files.writeString(options.chart(), report.chart());
            report.writeInto(options.doc());
            Host.log("Wrote %s and %s", options.doc(), options.chart());
        }
    }

    /**
     * A burst of alerts through the batch webhook as fast as intake takes them; timed to the last 202
     * (durable ingest) and to the last e-mail of its incidents accepted by SMTP (ingest → notify).
     */
    private SystemReport.Burst burst(WebhookLoad webhook, ServiceGroup alertsGroup, NotificationLedger ledger,
            Connection triageDb, int rep) throws Exception {
        String marker = Markers.next();
        Map<TopicPartition, Long> from = TopicEnds.of(infra.kafkaBootstrap(), Topics.ALERTS);
        Instant first = Instant.now();
        ClientThreads.Outcome ingest = webhook.batches(marker, options.burstAlerts() / options.batchSize(),
                options.batchSize(), options.batchClients(), options.alertsPerIncident());
        Emailed emailed = awaitEmails(marker, from, alertsGroup, ledger, triageDb);
        NotificationLedger.Progress progress = emailed.progress();
        double notifySeconds = Duration.between(first, progress.lastSentAt()).toNanos() / 1e9;
        long accepted = ingest.accepted() * options.batchSize();
        SystemReport.Burst burst = new SystemReport.Burst(rep, options.burstAlerts(), accepted, ingest.seconds(),
                emailed.incidents(), progress.sent(), progress.failed(), notifySeconds, Double.NaN, 0, Double.NaN);
        if (rep > 0) {
            Host.log("Repetition %d: Vigil: %,d alerts durable in %.2f s = %,.0f/s; %,d incidents, %,d e-mails, the last"
                    + " after %.2f s = %,.0f alerts/s", rep, accepted, ingest.seconds(), burst.ingestRate(),
                    emailed.incidents(), progress.sent(), notifySeconds, burst.notifyRate());
        }
        return burst;
    }

    /**
     * A burst of alerts through the batch webhook with triage and notification held still, so that intake
     * has the machine as the raw producer has it: durable ingest on the baseline's terms. The burst is then
     * let through, and waited for until its last e-mail is sent, so that the next measurement starts clean.
     */
    private ClientThreads.Outcome ingestAlone(WebhookLoad webhook, ServiceGroup alertsGroup, NotificationLedger ledger,
            Connection triageDb, int rep, List<Long> downstream) throws Exception {
        String marker = Markers.next();
        Map<TopicPartition, Long> from = TopicEnds.of(infra.kafkaBootstrap(), Topics.ALERTS);
        ClientThreads.Outcome ingest;
        List<Freeze> frozen = new ArrayList<>();
        try {
            for (long pid : downstream) {
                frozen.add(Freeze.stop(pid));
            }
            ingest = webhook.batches(marker, options.burstAlerts() / options.batchSize(), options.batchSize(),
                    options.batchClients(), options.alertsPerIncident());
        } finally {
            for (Freeze freeze : frozen) {
                freeze.close();
            }
        }
        if (frozen.get(0).seconds() > Freeze.MOST_SECONDS) {
            Host.log("Repetition %d: triage and notification were held %.1f s, long enough for their consumer group"
                    + " to drop them; the figures after this one may include a rebalance", rep, frozen.get(0).seconds());
        }
        Host.log("Repetition %d: Vigil, triage and notification held still: %,d alerts durable in %.2f s = %,.0f/s", rep,
                ingest.accepted() * options.batchSize(), ingest.seconds(),
                ingest.accepted() * options.batchSize() / ingest.seconds());
        awaitEmails(marker, from, alertsGroup, ledger, triageDb);
        return ingest;
    }

    /** A burst's incidents, and its e-mails as notification's ledger has them once settled. */
    private record Emailed(int incidents, NotificationLedger.Progress progress) {
    }

    /**
     * Waits until triage has taken every alert sent since {@code from} and every e-mail of the incidents of
     * the burst {@code marker} is settled in notification's ledger.
     */
    private Emailed awaitEmails(String marker, Map<TopicPartition, Long> from, ServiceGroup alertsGroup,
            NotificationLedger ledger, Connection triageDb) throws Exception {
        alertsGroup.awaitEnds(from, TopicEnds.of(infra.kafkaBootstrap(), Topics.ALERTS), timeout());
        List<String> incidents = new ArrayList<>(PacedIncidents.incidentsOf(triageDb, marker,
                IntakeUnderTest.SCHOOL_ID).keySet());
        return new Emailed(incidents.size(), ledger.awaitSettled(incidents, incidents.size(), Duration.ofMillis(250),
                timeout()));
    }

    /** Alerts at the fixed rate for the run's time, sampled as it goes; each incident timed afterwards. */
    private SystemReport.LongRun longRun(WebhookLoad webhook, ServiceGroup alertsGroup, ServiceGroup incidentsGroup,
            NotificationLedger ledger, Connection triageDb, Map<String, Long> pids) throws Exception {
        String bootstrap = infra.kafkaBootstrap();
        Map<TopicPartition, Long> alertsAt = TopicEnds.of(bootstrap, Topics.ALERTS);
        Map<TopicPartition, Long> incidentsAt = TopicEnds.of(bootstrap, Topics.INCIDENTS);
        String marker = Markers.next();
        Host.log("Measuring: %d s of alerts at %,d/s, %d alerts a user", options.seconds(), options.alertsPerSecond(),
                options.alertsPerIncident());
        WebhookLoad.Paced paced;
        List<LatencyPlot.Sample> samples;
        try (RunSampler sampler = new RunSampler(bootstrap, alertsGroup, Topics.ALERTS, alertsAt, incidentsGroup,
                Topics.INCIDENTS, incidentsAt, pids, SAMPLE_EVERY_SECONDS)) {
            paced = webhook.paced(marker, options.alertsPerSecond(), Duration.ofSeconds(options.seconds()),
                    options.connections(), options.alertsPerIncident());
            alertsGroup.awaitEnds(alertsAt, TopicEnds.of(bootstrap, Topics.ALERTS), timeout());
            samples = sampler.samples();
        }
        PacedIncidents.Timed timed = PacedIncidents.of(triageDb, ledger, marker, IntakeUnderTest.SCHOOL_ID, paced,
                options.alertsPerIncident(), timeout());
        long lastAccepted = Arrays.stream(paced.acceptedAtMicros()).max().orElse(0);
        double seconds = (lastAccepted - paced.startMicros()) / 1e6;
        Host.log("  %,d of %,d alerts accepted in %.0f s; %,d incidents timed, %,d without an e-mail",
                paced.outcome().accepted(), paced.alerts(), seconds, timed.timelines().size(), timed.missing());
        return new SystemReport.LongRun(paced.alerts(), paced.outcome().accepted(), paced.outcome().failures(), seconds,
                timed, LatencyPlot.slices(timed.timelines(), LatencyPlot.SLICE_SECONDS), samples);
    }
}
