package io.vigil.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.stack.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling Vigil's alert-to-notification path is measured against: Prometheus Alertmanager, run from
 * Debian's package on this machine, fed alerts of the same shape (a filtering block about a pupil) over its
 * own API and notifying a webhook receiver in this process, so that both rates come from the same machine
 * in the same run. Like Vigil, which opens one incident and so sends one message per pupil, it groups the
 * alerts about one user into one notification.
 *
 * <p>The two do not promise the same thing. Alertmanager keeps alerts in memory and writes its notification
 * log and silences to disk only every so often ({@code --data.maintenance-interval}, 15 minutes), so its rate
 * is that of a pipeline that loses what it holds when the process dies and keeps no record of who was told
 * what. Vigil's is durable (Kafka with {@code acks=all}, PostgreSQL) and audited: the ratio of the two is the
 * price of that, not only of Vigil's code.
 *
 * <p>Every round after the first runs on a fresh Alertmanager. Each user's group stays until its alerts
 * resolve, five minutes after they were posted, and wakes every {@code group_interval} (1 s) to run its
 * notification pipeline, even with nothing new to send: measured here, a few thousand groups left by one
 * round took a third of a core while idle, so without a restart each round would pay for the ones before.
 */
final class AlertmanagerBaseline implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofMinutes(5);
    private static final int OK = 200;

    /**
     * One measured round.
     *
     * @param marker what the round's alert ids and users start with
     * @param sent alerts posted
     * @param users distinct users they were about: at best one notification each
     * @param accepted alerts in batches Alertmanager answered 2xx
     * @param ingestSeconds from the first post to the last 2xx answer
     * @param notifySeconds from the first post to the receipt of the last alert's first notification
     * @param notifications notifications (webhook POSTs) that carried any of the round's alerts
     * @param notifiedAlerts distinct alerts of the round the receiver saw
     * @param failures answers other than 2xx by status (-1: no answer), in batches
     */
    record Result(String marker, int sent, int users, long accepted, double ingestSeconds, double notifySeconds,
            long notifications, long notifiedAlerts, Map<Integer, Long> failures) {

        /** Alerts accepted per second of ingest. */
        double ingestRate() {
            return accepted / ingestSeconds;
        }

        /** Alerts notified per second from the first post: the rate to hold Vigil's against. */
        double notifyRate() {
            return notifiedAlerts / notifySeconds;
        }
    }

    private final AlertmanagerBinary.Installed installed;
    private final Path work;
    private final Path log;
    private final Receiver receiver;
    private Process process;
    private int apiPort;
    /** Whether the running Alertmanager has been given alerts already. */
    private boolean used;

    private AlertmanagerBaseline(AlertmanagerBinary.Installed installed, Path work, Path log, Receiver receiver) {
        this.installed = installed;
        this.work = work;
        this.log = log;
        this.receiver = receiver;
    }

    /**
     * Fetches Alertmanager if need be ({@link AlertmanagerBinary}), starts the webhook receiver and then
     * Alertmanager, and waits until it is ready. Everything lives under {@code infra/load/target} of
     * {@code repoRoot}; its output goes to {@code results/logs/alertmanager.log} there.
     */
    static AlertmanagerBaseline start(Path repoRoot) throws IOException, InterruptedException {
        Path target = repoRoot.resolve("infra/load/target");
        AlertmanagerBinary.Installed installed = AlertmanagerBinary.fetch(target.resolve("tools/alertmanager"));
        Path log = target.resolve("results/logs/alertmanager.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        AlertmanagerBaseline baseline = new AlertmanagerBaseline(installed, target.resolve("alertmanager"), log,
                Receiver.start());
        try {
            baseline.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            baseline.close();
            throw e;
        }
        Host.log("Alertmanager %s ready on port %d, notifying port %d (log: %s)", AlertmanagerBinary.VERSION,
                baseline.apiPort, baseline.receiver.port(), log);
        return baseline;
    }

    /**
     * Starts a fresh Alertmanager (an empty storage directory) on a free loopback port, with no clustering,
     * and waits until it is ready.
     */
    private void launch() throws IOException, InterruptedException {
        AlertmanagerBinary.deleteTree(work);
        Files.createDirectories(work.resolve("data"));
        Path config = work.resolve("alertmanager.yml");
        Files.writeString(config, config("http://" + Ports.HOST + ":" + receiver.port() + "/notify"));
        apiPort = Ports.free();
        used = false;
        process = new ProcessBuilder(installed.binary().toAbsolutePath().toString(),
                "--config.file=" + config.toAbsolutePath(),
                "--storage.path=" + work.resolve("data").toAbsolutePath(),
                "--web.listen-address=" + Ports.HOST + ":" + apiPort,
                // Empty: a single instance, no gossip with peers and no wait for them to settle.
                "--cluster.listen-address=",
                "--log.level=warn")
                // Its template directory is relative to where it runs (see AlertmanagerBinary).
                .directory(installed.workingDirectory().toFile())
                .redirectErrorStream(true)
                // Every Alertmanager of the run writes to the same log, one after the other.
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        awaitReady();
    }

    /**
     * The configuration: every alert to one webhook receiver, grouped by user so that, like Vigil's one
     * incident (one message) per pupil, the alerts about one user make one notification.
     *
     * <ul>
     * <li>{@code group_wait} 100 ms: how long a new group collects alerts before its first notification.
     * 0 s is accepted too, but then a group may flush before the rest of its user's alerts in the same batch
     * are in, and those follow a {@code group_interval} later in a second notification (1 to 2 % of users on
     * two busy cores, against under 0.5 % with 100 ms, for about the same time to notify). A group whose
     * first alert's {@code startsAt} is already older than this flushes at once, so the baseline stamps
     * each batch as it posts it.</li>
     * <li>{@code group_interval} 1 s: how soon a group that already notified sends again when alerts join
     * it; the alerts that come late for a user are notified within a second.</li>
     * <li>{@code repeat_interval} 24 h: nothing is sent again for alerts already notified during a run.</li>
     * <li>{@code send_resolved: false}: the alerts resolve by themselves after {@code resolve_timeout}
     * (5 minutes); Vigil sends nothing for that either.</li>
     * </ul>
     */
    static String config(String webhookUrl) {
        return """
                route:
                  receiver: load-webhook
                  group_by: ['user']
                  group_wait: 100ms
                  group_interval: 1s
                  repeat_interval: 24h
                receivers:
                  - name: load-webhook
                    webhook_configs:
                      - url: %s
                        send_resolved: false
                """.formatted(webhookUrl);
    }

    /**
     * A JSON array of alerts {@code from} (inclusive) to {@code from + size} (exclusive) for
     * {@code POST /api/v2/alerts}: alert {@code i} is about user {@code marker-u(i / alertsPerUser)} and
     * identified by its {@code id} label {@code marker-i}, which also makes every alert a distinct one.
     */
    static String alerts(String marker, int from, int size, int alertsPerUser, Instant startsAt) {
        String starts = startsAt.truncatedTo(ChronoUnit.MILLIS).toString();
        StringBuilder body = new StringBuilder(size * 230 + 2).append('[');
        for (int i = from; i < from + size; i++) {
            if (i > from) {
                body.append(',');
            }
            body.append("{\"labels\":{\"alertname\":\"FilteringBlock\",\"category\":\"gambling\",\"user\":\"")
                    .append(WebhookAlerts.user(marker, i / alertsPerUser)).append("\",\"id\":\"").append(id(marker, i))
                    .append("\",\"school\":\"north-primary\"},\"annotations\":{\"host\":\"casino.example\"},")
                    .append("\"startsAt\":\"").append(starts).append("\"}");
        }
        return body.append(']').toString();
    }

    static String id(String marker, int i) {
        return marker + "-" + i;
    }

    /** The {@code id} labels of the alerts in a webhook notification's body, in its order. */
    static List<String> alertIds(byte[] notification) throws IOException {
        JsonNode alerts = JSON.readTree(notification).path("alerts");
        List<String> ids = new ArrayList<>(alerts.size());
        for (JsonNode alert : alerts) {
            JsonNode id = alert.path("labels").path("id");
            if (id.isTextual()) {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    /**
     * A round of {@code alerts} alerts under a fresh marker, to warm up this JVM's clients and receiver
     * (Alertmanager, compiled ahead of time and started afresh for the next round, needs none).
     */
    Result warmUp(int alerts, int alertsPerUser, int batchSize, int clients)
            throws IOException, InterruptedException {
        return measure(Markers.next(), alerts, alertsPerUser, batchSize, clients);
    }

    /**
     * Posts {@code alerts} alerts ({@link #alerts}) in batches of {@code batchSize} from {@code clients}
     * threads, each on its own keep-alive connection, as fast as Alertmanager answers; then waits until the
     * receiver has seen every accepted alert in a notification. Restarts Alertmanager first if an earlier
     * round used it.
     */
    Result measure(String marker, int alerts, int alertsPerUser, int batchSize, int clients)
            throws IOException, InterruptedException {
        if (used) {
            stop(process);
            launch();
        }
        used = true;
        Round round = new Round(marker + "-");
        receiver.current = round;
        int batches = (alerts + batchSize - 1) / batchSize;
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong firstPost = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastAccepted = new AtomicLong(Long.MIN_VALUE);
        byte[] head = HttpConnection.head(Ports.HOST, apiPort, "/api/v2/alerts");
        List<HttpConnection> connections = Collections.synchronizedList(new ArrayList<>());
        ClientThreads.Outcome outcome;
        try {
            outcome = ClientThreads.run(clients, INGEST_TIMEOUT.toNanos(), OK, t -> {
                HttpConnection connection = new HttpConnection(Ports.HOST, apiPort);
                connections.add(connection);
                return () -> {
                    int batch = nextBatch.getAndIncrement();
                    if (batch >= batches) {
                        return ClientThreads.DONE;
                    }
                    int from = batch * batchSize;
                    int size = Math.min(batchSize, alerts - from);
                    byte[] body = alerts(marker, from, size, alertsPerUser, Instant.now())
                            .getBytes(StandardCharsets.UTF_8);
                    firstPost.accumulateAndGet(System.nanoTime(), Math::min);
                    try {
                        int status = connection.post(head, body);
                        if (status / 100 == 2) {
                            accepted.addAndGet(size);
                            lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                            return OK;
                        }
                        return status;
                    } catch (IOException e) {
                        return -1;
                    }
                };
            });
        } finally {
            connections.forEach(HttpConnection::close);
        }
        long expected = accepted.get();
        long deadline = System.nanoTime() + NOTIFY_TIMEOUT.toNanos();
        while (round.firstSeen.size() < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(String.format(
                        "Alertmanager notified %,d of %,d accepted alerts within %d s; see %s", round.firstSeen.size(),
                        expected, NOTIFY_TIMEOUT.toSeconds(), log));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with code " + process.exitValue() + "; see "
                        + log);
            }
            Thread.sleep(10);
        }
        receiver.current = null;
        int users = (alerts + alertsPerUser - 1) / alertsPerUser;
        return new Result(marker, alerts, users, expected, (lastAccepted.get() - firstPost.get()) / 1e9,
                (round.lastFirstSeen.get() - firstPost.get()) / 1e9, round.notifications.get(),
                round.firstSeen.size(), outcome.failures());
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://" + Ports.HOST + ":" + apiPort + "/-/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with code " + process.exitValue()
                        + " during start-up; see " + log);
            }
            try {
                lastStatus = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == OK) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Alertmanager was not ready at " + ready + " within "
                + READY_TIMEOUT.toSeconds() + " s (last status " + lastStatus + "); see " + log);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            stop(process);
        }
        receiver.close();
    }

    /** What the receiver saw of one round's alerts. */
    private static final class Round {
        private final String idPrefix;
        private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        private final AtomicLong lastFirstSeen = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong notifications = new AtomicLong();

        Round(String idPrefix) {
            this.idPrefix = idPrefix;
        }

        /** Notes a notification received at {@code nanos}: its alerts of this round seen for the first time. */
        void notified(List<String> ids, long nanos) {
            boolean ours = false;
            for (String id : ids) {
                if (id.startsWith(idPrefix)) {
                    ours = true;
                    if (firstSeen.putIfAbsent(id, nanos) == null) {
                        lastFirstSeen.accumulateAndGet(nanos, Math::max);
                    }
                }
            }
            if (ours) {
                notifications.incrementAndGet();
            }
        }
    }

    /**
     * The webhook Alertmanager notifies: the JDK's HTTP server on a loopback port, a few threads, noting
     * when each alert was first notified and answering 200 (anything else and Alertmanager retries).
     */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor;
        private volatile Round current;

        private Receiver(HttpServer server, ExecutorService executor) {
            this.server = server;
            this.executor = executor;
        }

        static Receiver start() throws IOException {
            // Alertmanager's client keeps up to 1,000 idle connections to a host for 5 minutes; the JDK's
            // server keeps 200 for 30 s and closes the others as it answers. Alertmanager then posts on a
            // connection closed under it, fails and retries the notification later: a delay the receiver
            // would cause and Alertmanager's rate would show. So the server keeps them longer than the
            // client does. The JDK reads these once, when its first server in this JVM starts.
            setIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
            setIfAbsent("sun.net.httpserver.idleInterval", "600");
            // Alertmanager notifies every group from a goroutine of its own: many connections at once.
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.HOST, Ports.free()), 1024);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "alertmanager-webhook-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            Receiver receiver = new Receiver(server, executor);
            server.createContext("/notify", receiver::handle);
            server.setExecutor(executor);
            server.start();
            return receiver;
        }

        private static void setIfAbsent(String property, String value) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            long received = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                int status = OK;
                try {
                    List<String> ids = alertIds(body);
                    Round round = current;
                    if (round != null) {
                        round.notified(ids, received);
                    }
                } catch (IOException notJson) {
                    status = 400;
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
