package io.vigil.load;

import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import io.vigil.stack.SmtpOutage;
import io.vigil.stack.StackControl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded fault-injection run against the four services, each its own process on a running stack: alerts
 * stream into intake's webhook at a fixed rate while services are killed with SIGKILL at random moments and
 * restarted, the Kafka broker and PostgreSQL are each restarted once, and the SMTP server is unreachable for
 * a while. The sender behaves as an appliance does: an alert not answered 202 (a 503 while the broker is
 * away, a connection cut by a killed intake) is sent again with the same event id until it is. Afterwards
 * {@link ChaosChecks} settles and judges the outcome. Used by {@code infra/load/run.sh chaos} (the full run)
 * and by a small system test in every build.
 */
public final class ChaosRun {

    /** The run's size and faults; {@code seed} fixes when each fault happens and which service it kills. */
    public record Plan(int alerts, int alertsPerSecond, int serviceKills, boolean restartKafka,
            boolean restartPostgres, Duration smtpOutage, long seed, Duration settleTimeout) {

        public Plan {
            if (alerts < 1 || alertsPerSecond < 1 || serviceKills < 0) {
                throw new IllegalArgumentException("alerts and alertsPerSecond must be at least 1, kills at least 0");
            }
        }

        /** How long the alerts take to stream at the planned rate. */
        Duration streaming() {
            return Duration.ofMillis(1_000L * alerts / alertsPerSecond);
        }
    }

    /** One fault as it happened: when (seconds after the stream began), what, and how long until back. */
    public record Fault(double atSeconds, String what, double recoverySeconds) {
    }

    /** What the sender saw: alerts accepted, attempts beyond the first, and why they were needed. */
    public record Sending(int alerts, int accepted, long retries, long unavailable, long cutOff, long otherAnswers,
            double seconds) {
    }

    private static final String APPLIANCE_KEY = DemoRealm.NORTH_APPLIANCE_KEY;
    private static final List<String> SERVICES = ServiceFleet.SERVICES;
    private static final Duration GIVE_UP_SENDING_AFTER = Duration.ofMinutes(10);

    private final Endpoints infra;
    private final Path stateDir;
    private final Path repoRoot;
    private final Path logDir;
    private final Plan plan;
    private final String marker;

    public ChaosRun(Endpoints infra, Path stateDir, Path repoRoot, Path logDir, Plan plan) {
        this.infra = infra;
        this.stateDir = stateDir;
        this.repoRoot = repoRoot;
        this.logDir = logDir;
        this.plan = plan;
        this.marker = "chaos-" + Long.toHexString(plan.seed()) + "-" + Long.toString(System.currentTimeMillis(), 36);
    }

    /** Runs the plan and judges it. */
    public ChaosChecks.Verdict run() throws Exception {
        Host.log("Chaos run %s: %,d alerts at %,d/s, %d service kills, Kafka restart %s, PostgreSQL restart %s,"
                + " SMTP down %d s, seed %d", marker, plan.alerts(), plan.alertsPerSecond(), plan.serviceKills(),
                plan.restartKafka(), plan.restartPostgres(), plan.smtpOutage().toSeconds(), plan.seed());
        try (SmtpOutage smtp = SmtpOutage.relayTo(infra.smtpHost(), infra.smtpPort());
                ChaosChecks checks = new ChaosChecks(infra, marker)) {
            // Notification reaches the mail server through a relay the run can take down.
            // The run sends no syslog: a free port keeps it clear of anything else listening on the usual one.
            String syslogPort = Integer.toString(Ports.free());
            Map<String, String> overrides = Map.of("quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(smtp.port()),
                    "vigil.intake.syslog.tcp-port", syslogPort, "vigil.intake.syslog.udp-port", syslogPort);
            try (ServiceFleet fleet = ServiceFleet.start(infra, repoRoot, logDir, overrides)) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                checks.begin(fleet.url("reporting"));
                // What the rules require for one such alert, learnt while nothing is broken.
                String calibration = WebhookAlerts.alert(marker + "-calibration", 0);
                send(http, fleet, calibration, new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
                checks.learnRecipients(WebhookAlerts.user(marker + "-calibration", 0));

                List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                ExecutorService faulting = Executors.newFixedThreadPool(2, daemon("chaos-faults"));
                Future<?> injected = faulting.submit(() -> injectFaults(fleet, start, faults));
                Future<?> outage = faulting.submit(() -> smtpOutage(smtp, start, faults));
                Sending sending = stream(http, fleet, start);
                injected.get();
                outage.get();
                faulting.shutdown();
                Host.log("Every fault injected; settling");
                return checks.settleAndJudge(plan, sending, List.copyOf(faults), plan.settleTimeout());
            }
        }
    }

    /** Streams the alerts; each is sent until intake answers 202 or the run gives up on it. */
    private Sending stream(HttpClient http, ServiceFleet fleet, long start) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLongArray acceptedAt = new AtomicLongArray(plan.alerts());
        AtomicLong retries = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicLong cutOff = new AtomicLong();
        AtomicLong other = new AtomicLong();
        long nanosPerAlert = 1_000_000_000L / plan.alertsPerSecond();
        // Enough senders that a few waiting on a restarting intake do not hold the others back.
        int senders = Math.max(8, Math.min(64, plan.alertsPerSecond() / 4));
        ExecutorService pool = Executors.newFixedThreadPool(senders, daemon("chaos-sender"));
        for (int s = 0; s < senders; s++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < plan.alerts(); i = next.getAndIncrement()) {
                    long due = start + i * nanosPerAlert;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (send(http, fleet, WebhookAlerts.alert(marker, i), retries, unavailable, cutOff, other)) {
                        acceptedAt.set(i, System.nanoTime());
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        long lastReport = System.nanoTime();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                Host.log("  %,d of %,d alerts sent, %,d retries so far", Math.min(next.get(), plan.alerts()),
                        plan.alerts(), retries.get());
                lastReport = System.nanoTime();
            }
        }
        int accepted = 0;
        for (int i = 0; i < plan.alerts(); i++) {
            accepted += acceptedAt.get(i) > 0 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Host.log("Stream done in %.0f s: %,d of %,d accepted; %,d retries (%,d answered 503/429, %,d cut off, %,d other)",
                seconds, accepted, plan.alerts(), retries.get(), unavailable.get(), cutOff.get(), other.get());
        return new Sending(plan.alerts(), accepted, retries.get(), unavailable.get(), cutOff.get(), other.get(),
                seconds);
    }

    /** Posts one alert until it is answered 202; false if the run gave up on it. */
    private static boolean send(HttpClient http, ServiceFleet fleet, String alert, AtomicLong retries,
            AtomicLong unavailable, AtomicLong cutOff, AtomicLong other) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_SENDING_AFTER.toNanos();
        long backoff = 100;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
                Thread.sleep(backoff);
                backoff = Math.min(2_000, backoff * 2);
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(fleet.url("intake")
                                + "/api/v1/alerts")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("X-Vigil-Api-Key", APPLIANCE_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(alert)).build(),
                        HttpResponse.BodyHandlers.discarding());
                int status = answer.statusCode();
                if (status == 202) {
                    return true;
                }
                (status == 503 || status == 429 ? unavailable : other).incrementAndGet();
            } catch (java.io.IOException e) {
                cutOff.incrementAndGet();
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
        }
    }

    /**
     * Kills services and restarts the broker and the database at moments drawn from the seed, spread over
     * the stream's first 85 %; one fault at a time, each waited on until the part is back.
     */
    private Void injectFaults(ServiceFleet fleet, long start, List<Fault> faults) throws InterruptedException {
        Random random = new Random(plan.seed());
        List<String> kinds = new ArrayList<>();
        // Every service is killed at least once before any is killed twice.
        List<String> order = new ArrayList<>(SERVICES);
        Collections.shuffle(order, random);
        for (int k = 0; k < plan.serviceKills(); k++) {
            kinds.add("kill " + (k < order.size() ? order.get(k) : SERVICES.get(random.nextInt(SERVICES.size()))));
        }
        if (plan.restartKafka()) {
            kinds.add("restart kafka");
        }
        if (plan.restartPostgres()) {
            kinds.add("restart postgresql");
        }
        Collections.shuffle(kinds, random);
        long window = plan.streaming().toNanos();
        List<Long> moments = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            moments.add((long) (window * (0.05 + 0.8 * random.nextDouble())));
        }
        Collections.sort(moments);
        for (int k = 0; k < kinds.size(); k++) {
            long wait = start + moments.get(k) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String kind = kinds.get(k);
            double at = (System.nanoTime() - start) / 1e9;
            long t0 = System.nanoTime();
            if (kind.startsWith("kill ")) {
                String service = kind.substring(5);
                fleet.process(service).kill();
                Host.log("  %5.0f s: killed %s (SIGKILL); restarting it", at, service);
                fleet.process(service).restart(ServiceFleet.readyTimeout());
            } else {
                String component = kind.substring(8);
                Host.log("  %5.0f s: restarting %s", at, component);
                StackControl.restart(stateDir, component, Duration.ofMinutes(3));
            }
            double recovery = (System.nanoTime() - t0) / 1e9;
            Host.log("  %5.0f s: %s back after %.1f s", (System.nanoTime() - start) / 1e9, kind.substring(kind.indexOf(' ') + 1),
                    recovery);
            faults.add(new Fault(at, kind, recovery));
        }
        return null;
    }

    /** Takes the SMTP server away for the planned time, starting at a third of the stream. */
    private Void smtpOutage(SmtpOutage smtp, long start, List<Fault> faults) throws InterruptedException {
        if (plan.smtpOutage().isZero()) {
            return null;
        }
        long wait = start + plan.streaming().toNanos() / 3 - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        double at = (System.nanoTime() - start) / 1e9;
        smtp.down();
        Host.log("  %5.0f s: SMTP server unreachable for %d s", at, plan.smtpOutage().toSeconds());
        Thread.sleep(plan.smtpOutage().toMillis());
        smtp.up();
        Host.log("  %5.0f s: SMTP server back", (System.nanoTime() - start) / 1e9);
        faults.add(new Fault(at, "stop smtp", plan.smtpOutage().toMillis() / 1e3));
        return null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
