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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The notification benchmark: notification as its own process on the running infrastructure. First, how
 * fast it turns {@code IncidentOpened} events into e-mails accepted by the stack's SMTP server, against a
 * plain SMTP client sending messages of the same size to the same server in the same run; then, with
 * intake and triage running too, the time from an alert accepted by intake's webhook to its incident's
 * e-mail accepted by the SMTP server at a fixed alert rate. See {@code infra/load/run.sh} and
 * {@code docs/performance.md}.
 */
public final class NotificationBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** Where the services write their logs (one start after another, the last start's log). */
    private static final Path RESULTS = Path.of("infra/load/target/results").toAbsolutePath();
    private static final Path LOGS = RESULTS.resolve("logs");
    /** Notification's sender ({@code quarkus.mailer.from}), which the plain client uses too. */
    private static final String FROM = "Vigil <vigil@demo.vigil.test>";

    /** What to run. */
    record Options(Path stateDir, int incidents, int warmupIncidents, int warmupRounds, int repetitions,
            int alertsPerSecond,
            int seconds, int warmupSeconds, int alertsPerIncident, int connections, int timeoutMinutes,
            boolean skipDelivery, boolean skipEndToEnd, boolean jfr, Path doc, String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of("skip-delivery", "skip-end-to-end", "jfr"));
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    line.integer("incidents", 5_000),
                    line.integer("warmup-incidents", 5_000),
                    line.integer("warmup-rounds", 4),
                    line.integer("repetitions", 5),
                    line.integer("alerts-per-second", 1_000),
                    line.integer("seconds", 60),
                    line.integer("warmup-seconds", 120),
                    line.integer("alerts-per-incident", 10),
                    line.integer("connections", 64),
                    line.integer("timeout-minutes", 15),
                    line.flag("skip-delivery"),
                    line.flag("skip-end-to-end"),
                    line.flag("jfr"),
                    Path.of(line.string("doc", "docs/performance.md")),
                    line.string("command", "infra/load/run.sh notification"));
            line.requireAllTaken();
            if (options.alertsPerIncident() < 1 || options.alertsPerSecond() < 1 || options.seconds() < 1
                    || options.incidents() < 1 || options.warmupIncidents() < 1 || options.warmupRounds() < 1) {
                throw new IllegalArgumentException("--incidents, --warmup-incidents, --warmup-rounds, --alerts-per-incident,"
                        + " --alerts-per-second and --seconds must be at least 1");
            }
            return options;
        }
    }

    private final Options options;
    private final Endpoints infra;

    private NotificationBenchmark(Options options, Endpoints infra) {
        this.options = options;
        this.infra = infra;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh notification"
                + " [--incidents N] [--warmup-incidents N] [--warmup-rounds N] [--repetitions N] [--alerts-per-second N] [--seconds S]"
                + " [--warmup-seconds S] [--alerts-per-incident N] [--connections N] [--timeout-minutes M]"
                + " [--skip-delivery] [--skip-end-to-end] [--jfr] [--doc FILE]");
        Files.createDirectories(LOGS);
        new NotificationBenchmark(options, Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME)))
                .run(Path.of("").toAbsolutePath());
    }

    private void run(Path root) throws Exception {
        List<NotificationReport.Delivery> deliveries = new ArrayList<>();
        NotificationReport.EndToEnd endToEnd = null;
        String bootstrap = infra.kafkaBootstrap();
        try (LoadAverages load = new LoadAverages();
                ServiceGroup incidentsGroup = new ServiceGroup(bootstrap, "notification", Topics.INCIDENTS);
                KafkaProducer<String, String> producer = RawKafkaBaseline.intakeLikeProducer(bootstrap,
                        "load-notification-incidents");
                NotificationLedger ledger = new NotificationLedger(infra)) {
            // Notification starts at the end of the incidents topic, whatever it held before.
            Map<TopicPartition, Long> from = TopicEnds.of(bootstrap, Topics.INCIDENTS);
            incidentsGroup.startFrom(from, Duration.ofMinutes(3));
            Host.log("Starting notification (log: %s)", LOGS.resolve("notification.log"));
            try (ServiceProcess notification = ServiceFleet.startAlone("notification", infra, root, Ports.free(),
                    Map.of(), LOGS)) {
                incidentsGroup.awaitStart(from, START_TIMEOUT);
                // More than one round: the first repetition after a single one still set off a burst of JIT
                // recompilations, as paths the first round had not taken (or had taken cold) became hot.
                Published warm = null;
                for (int round = 1; round <= options.warmupRounds(); round++) {
                    Host.log("Warming up (JIT), round %d of %d: %,d incidents through notification", round,
                            options.warmupRounds(), options.warmupIncidents());
                    warm = publish(producer, options.warmupIncidents());
                    ledger.awaitSettled(warm.incidentIds(), warm.incidentIds().size(), Duration.ofMillis(250),
                            timeout());
                }
                NotificationLedger.Sample sample = ledger.sample(warm.incidentIds().get(0));
                StackMailbox mailbox = new StackMailbox(infra, sample.recipient());
                int vigilBytes = mailbox.read().newestBytes();
                SmtpBaseline.Mail mail = new SmtpBaseline.Mail(FROM, sample.recipient(), sample.subject(),
                        sample.body());
                // The plain client is quick: five times notification's warm-up costs little, and warms the server
                // too; at most 25,000, as the mailbox's newest message is read over IMAP, which slows as it fills.
                int plainWarmup = Math.min(25_000, 5 * options.warmupIncidents() * sample.recipients());
                Host.log("Warming up (JIT): %,d messages from the plain SMTP client", plainWarmup);
                try (SmtpBaseline smtp = new SmtpBaseline(infra.smtpHost(), infra.smtpPort())) {
                    smtp.send(mail, plainWarmup);
                }
                int rawBytes = mailbox.read().newestBytes();
                Host.log("Each incident is %d e-mail(s) to %s; the SMTP server stores Vigil's as %,d bytes, the plain"
                        + " client's as %,d", sample.recipients(), sample.recipient(), vigilBytes, rawBytes);
                if (!options.skipDelivery()) {
                    CpuMeter cpu = new CpuMeter(Map.of("notification", notification.pid()), options.stateDir());
                    startRecording(notification, "notification");
                    for (int rep = 1; rep <= options.repetitions(); rep++) {
                        deliveries.add(deliver(rep, mail, sample.recipients(), producer, ledger, mailbox, cpu));
                    }
                    stopRecording(notification, "notification");
                }
                if (!options.skipEndToEnd()) {
                    endToEnd = endToEnd(root, notification, incidentsGroup, ledger);
                }
                NotificationReport report = new NotificationReport(new NotificationReport.Context(options.command(),
                        LocalDate.now().toString(), Host.describe(), load.min(), load.max(),
                        options.incidents(), options.repetitions(),
                        sample.recipient(), vigilBytes, rawBytes, options.alertsPerSecond(), options.seconds(),
                        options.alertsPerIncident(), options.connections(), options.warmupSeconds(),
                        options.warmupIncidents(), options.warmupRounds()), deliveries,
                        endToEnd);
                System.out.println();
                System.out.print(report.console());
                report.writeInto(options.doc());
                Host.log("Wrote %s", options.doc());
            }
        }
    }

    /** With {@code --jfr}, records {@code service} into {@code infra/load/target/results/<name>.jfr}. */
    private void startRecording(ServiceProcess service, String name) throws Exception {
        if (options.jfr()) {
            FlightRecording.start(service.pid(), RESULTS.resolve(name + ".jfr"));
        }
    }

    private void stopRecording(ServiceProcess service, String name) throws Exception {
        if (options.jfr()) {
            FlightRecording.stop(service.pid());
            Host.log("%s's flight recording: %s", service.name(), RESULTS.resolve(name + ".jfr"));
        }
    }

    private Duration timeout() {
        return Duration.ofMinutes(options.timeoutMinutes());
    }

    /** Incidents published at once: their ids and when the first was sent. */
    private record Published(List<String> incidentIds, Instant firstAt) {
    }

    private static Published publish(KafkaProducer<String, String> producer, int incidents) {
        List<String> ids = new ArrayList<>(incidents);
        Instant first = Instant.now();
        for (int i = 0; i < incidents; i++) {
            ProducerRecord<String, String> record = IncidentEvents.opened(Instant.now());
            ids.add(record.key());
            producer.send(record);
        }
        producer.flush();
        return new Published(ids, first);
    }

    /** One repetition: the plain client's messages, then notification's e-mails for as many incidents. */
    private NotificationReport.Delivery deliver(int rep, SmtpBaseline.Mail mail, int perIncident,
            KafkaProducer<String, String> producer, NotificationLedger ledger, StackMailbox mailbox, CpuMeter cpu)
            throws Exception {
        int messages = options.incidents() * perIncident;
        int before = mailbox.count();
        double rawSeconds;
        Measurement.CpuUse rawCpu;
        // A connection of its own each repetition (connected before the clock starts), kept open for all its messages.
        try (SmtpBaseline smtp = new SmtpBaseline(infra.smtpHost(), infra.smtpPort())) {
            CpuMeter.Reading r0 = cpu.read();
            rawSeconds = smtp.send(mail, messages);
            rawCpu = cpu.read().since(r0);
        }
        int afterRaw = mailbox.count();
        Host.log("Repetition %d: raw SMTP: %,d messages in %.2f s = %,.0f/s%s", rep, messages, rawSeconds,
                messages / rawSeconds, afterRaw - before == messages ? ""
                        : String.format(Locale.ROOT, "  <-- the mailbox grew by %,d", afterRaw - before));

        CpuMeter.Reading v0 = cpu.read();
        Published published = publish(producer, options.incidents());
        NotificationLedger.Progress progress = ledger.awaitSettled(published.incidentIds(), options.incidents(),
                Duration.ofMillis(250), timeout());
        Measurement.CpuUse vigilCpu = cpu.read().since(v0);
        int afterVigil = mailbox.count();
        double seconds = Duration.between(published.firstAt(), progress.lastSentAt()).toNanos() / 1e9;
        NotificationReport.Delivery result = new NotificationReport.Delivery(rep, messages, rawSeconds,
                options.incidents(), messages, progress.sent(), progress.failed(), afterVigil - afterRaw, seconds,
                rawCpu, vigilCpu);
        Host.log("  notification: %,d e-mails in %.2f s = %,.0f/s, %.2f x raw; %,d failed, the mailbox grew by %,d%s",
                result.sent(), seconds, result.vigilRate(), result.ratio(), result.failed(), result.inMailbox(),
                result.right() ? "" : "  <-- MISMATCH");
        return result;
    }

    /** Intake and triage started beside notification, alerts at a fixed rate, and each incident's e-mail timed. */
    private NotificationReport.EndToEnd endToEnd(Path root, ServiceProcess notification, ServiceGroup incidentsGroup,
            NotificationLedger ledger) throws Exception {
        String bootstrap = infra.kafkaBootstrap();
        Host.log("Starting intake and triage (logs: %s)", LOGS);
        try (IntakeUnderTest intake = IntakeUnderTest.start(infra, root, LOGS);
                ServiceGroup alertsGroup = new ServiceGroup(bootstrap, "triage", Topics.ALERTS)) {
            WebhookLoad webhook = new WebhookLoad(Ports.HOST, intake.httpPort(), IntakeUnderTest.API_KEY);
            // Intake alone first, as fast as it goes, so its JIT is as warm as in intake's own benchmark.
            Host.log("Warming up intake alone (JIT): %d s of single alerts from %d connections",
                    options.warmupSeconds(), options.connections());
            webhook.singles(Markers.next(), Duration.ofSeconds(options.warmupSeconds()), options.connections());
            // Triage starts at the end of the alerts (after intake's warm-up) and of the notifications it reads.
            Map<TopicPartition, Long> alertsFrom = TopicEnds.of(bootstrap, Topics.ALERTS);
            Map<TopicPartition, Long> start = new HashMap<>(alertsFrom);
            start.putAll(TopicEnds.of(bootstrap, Topics.NOTIFICATIONS));
            alertsGroup.startFrom(start, Duration.ofMinutes(3));
            try (ServiceProcess triage = ServiceFleet.startAlone("triage", infra, root, Ports.free(), Map.of(), LOGS);
                    Connection triageDb = DriverManager.getConnection(infra.jdbcUrl("triage"), "triage", "triage")) {
                alertsGroup.awaitStart(alertsFrom, START_TIMEOUT);

                Host.log("Warming up (JIT): %d s of alerts at %,d/s through intake, triage and notification",
                        options.warmupSeconds(), options.alertsPerSecond());
                String warm = Markers.next();
                webhook.paced(warm, options.alertsPerSecond(), Duration.ofSeconds(options.warmupSeconds()),
                        options.connections(), options.alertsPerIncident());
                alertsGroup.awaitEnds(alertsFrom, TopicEnds.of(bootstrap, Topics.ALERTS), timeout());
                List<String> warmIncidents = new ArrayList<>(PacedIncidents.incidentsOf(triageDb, warm,
                        IntakeUnderTest.SCHOOL_ID).keySet());
                ledger.awaitSettled(warmIncidents, warmIncidents.size(), Duration.ofMillis(500), timeout());

                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("intake", intake.pid());
                pids.put("triage", triage.pid());
                pids.put("notification", notification.pid());
                CpuMeter cpu = new CpuMeter(pids, options.stateDir());
                Map<TopicPartition, Long> alertsAt = TopicEnds.of(bootstrap, Topics.ALERTS);
                Map<TopicPartition, Long> incidentsAt = TopicEnds.of(bootstrap, Topics.INCIDENTS);
                String marker = Markers.next();
                Host.log("Measuring: %d s of alerts at %,d/s, %d alerts a user", options.seconds(),
                        options.alertsPerSecond(), options.alertsPerIncident());
                List<ServiceProcess> services = List.of(intake.process(), triage, notification);
                for (ServiceProcess service : services) {
                    startRecording(service, service.name() + "-end-to-end");
                }
                CpuMeter.Reading r0 = cpu.read();
                WebhookLoad.Paced paced = webhook.paced(marker, options.alertsPerSecond(),
                        Duration.ofSeconds(options.seconds()), options.connections(), options.alertsPerIncident());
                Measurement.CpuUse used = cpu.read().since(r0);
                for (ServiceProcess service : services) {
                    stopRecording(service, service.name() + "-end-to-end");
                }
                Map<TopicPartition, Long> alertEnds = TopicEnds.of(bootstrap, Topics.ALERTS);
                long triageBehind = alertsGroup.behind(alertsAt, alertEnds);
                long notificationBehind = incidentsGroup.behind(incidentsAt, TopicEnds.of(bootstrap, Topics.INCIDENTS));
                Host.log("  %,d alerts accepted; behind: triage %,d alerts, notification %,d incident events",
                        paced.outcome().accepted(), triageBehind, notificationBehind);

                alertsGroup.awaitEnds(alertsAt, alertEnds, timeout());
                PacedIncidents.Timed timed = PacedIncidents.of(triageDb, ledger, marker, IntakeUnderTest.SCHOOL_ID,
                        paced, options.alertsPerIncident(), timeout());
                long lastAccepted = Arrays.stream(paced.acceptedAtMicros()).max().orElse(0);
                // From the schedule's start (not the client threads' start) to the last 202.
                double seconds = (lastAccepted - paced.startMicros()) / 1e6;
                return new NotificationReport.EndToEnd(paced.alerts(), paced.outcome().accepted(),
                        paced.outcome().failures(), seconds, timed.expectedIncidents(), timed.incidents(),
                        timed.timelines(), timed.missing(), paced.requestNanos(), paced.lateNanos(), used, triageBehind,
                        notificationBehind, Math.max(0, timed.lastSentMicros() - lastAccepted) / 1e6);
            }
        }
    }
}
