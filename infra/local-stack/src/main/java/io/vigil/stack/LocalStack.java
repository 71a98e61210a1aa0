package io.vigil.stack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts Kafka, PostgreSQL, Keycloak and an SMTP server on this machine without Docker, and optionally
 * Vigil's services against them.
 *
 * <ul>
 *   <li>{@code --infra-only --state-dir <dir> [--owner-pid <pid>]}: the infrastructure on free ports, for
 *       tests; exits when the owner process does.</li>
 *   <li>default: the whole system on fixed, overridable ports, for a person to use (see {@code run.sh}).</li>
 * </ul>
 * Either way {@code <state-dir>/endpoints.properties} appears only once everything is ready, and
 * {@code <state-dir>/stack.pid} names the process to signal to stop it all.
 */
public final class LocalStack {

    /** A fixed port of the full run, with the environment variable that overrides it. */
    record PortSpec(String env, int defaultPort, String purpose) {
        int resolve() {
            String value = System.getenv(env);
            if (value == null || value.isBlank()) {
                return defaultPort;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(env + "=" + value + " is not a port number");
            }
        }
    }

    static final List<String> SERVICES = ServiceFleet.SERVICES;

    private static final PortSpec KAFKA = new PortSpec("VIGIL_KAFKA_PORT", 19092, "Kafka");
    private static final PortSpec KAFKA_CONTROLLER =
            new PortSpec("VIGIL_KAFKA_CONTROLLER_PORT", 19093, "Kafka controller");
    private static final PortSpec POSTGRES = new PortSpec("VIGIL_POSTGRES_PORT", 15432, "PostgreSQL");
    private static final PortSpec KEYCLOAK = new PortSpec("VIGIL_KEYCLOAK_PORT", 18080, "Keycloak");
    private static final PortSpec KEYCLOAK_MANAGEMENT =
            new PortSpec("VIGIL_KEYCLOAK_MANAGEMENT_PORT", 19000, "Keycloak management");
    private static final PortSpec SMTP = new PortSpec("VIGIL_SMTP_PORT", 2525, "SMTP");
    private static final PortSpec IMAP = new PortSpec("VIGIL_IMAP_PORT", 2143, "IMAP");
    private static final PortSpec MAIL_WEB = new PortSpec("VIGIL_MAIL_WEB_PORT", 8025, "mail page");
    private static final Map<String, PortSpec> SERVICE_PORTS = Map.of(
            "intake", new PortSpec("VIGIL_INTAKE_PORT", 8081, "intake service"),
            "triage", new PortSpec("VIGIL_TRIAGE_PORT", 8082, "triage service"),
            "notification", new PortSpec("VIGIL_NOTIFICATION_PORT", 8083, "notification service"),
            "reporting", new PortSpec("VIGIL_REPORTING_PORT", 8084, "reporting service"));


    private final Path stateDir;
    private final boolean infraOnly;
    private final Path repoRoot;
    private final List<Component> components = new ArrayList<>();
    private final List<ServiceFleet> services = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "stack-start");
        t.setDaemon(true);
        return t;
    });

    private LocalStack(Path stateDir, boolean infraOnly, Path repoRoot) {
        this.stateDir = stateDir;
        this.infraOnly = infraOnly;
        this.repoRoot = repoRoot;
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        boolean infraOnly = false;
        Path stateDir = null;
        Long ownerPid = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--infra-only" -> infraOnly = true;
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, "--state-dir"));
                case "--owner-pid" -> ownerPid = Long.parseLong(value(args, ++i, "--owner-pid"));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("Unknown argument: " + args[i]);
                    usage();
                    System.exit(2);
                }
            }
        }
        Path repoRoot = repoRoot();
        if (stateDir == null) {
            stateDir = repoRoot.resolve("target/vigil-local");
        }
        LocalStack stack = new LocalStack(stateDir.toAbsolutePath().normalize(), infraOnly, repoRoot);
        try {
            stack.run(ownerPid);
        } catch (Exception e) {
            System.err.println();
            System.err.println("Vigil local stack failed: " + e.getMessage());
            if (!(e instanceof StackException)) {
                e.printStackTrace();
            }
            System.exit(1);
        }
    }

    private void run(Long ownerPid) throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(stateDir);
        Path endpointsFile = stateDir.resolve(Endpoints.FILE_NAME);
        Files.deleteIfExists(endpointsFile);

        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        int kafkaPort;
        int controllerPort;
        int postgresPort;
        int keycloakPort;
        int keycloakManagementPort;
        int smtpPort;
        int imapPort;
        int mailWebPort;
        if (infraOnly) {
            kafkaPort = Ports.free();
            controllerPort = Ports.free();
            postgresPort = Ports.free();
            keycloakPort = Ports.free();
            keycloakManagementPort = Ports.free();
            smtpPort = Ports.free();
            imapPort = Ports.free();
            mailWebPort = Ports.free();
        } else {
            List<PortSpec> wanted = new ArrayList<>(List.of(KAFKA, KAFKA_CONTROLLER, POSTGRES, KEYCLOAK,
                    KEYCLOAK_MANAGEMENT, SMTP, IMAP, MAIL_WEB));
            SERVICES.forEach(s -> wanted.add(SERVICE_PORTS.get(s)));
            checkPorts(wanted);
            kafkaPort = KAFKA.resolve();
            controllerPort = KAFKA_CONTROLLER.resolve();
            postgresPort = POSTGRES.resolve();
            keycloakPort = KEYCLOAK.resolve();
            keycloakManagementPort = KEYCLOAK_MANAGEMENT.resolve();
            smtpPort = SMTP.resolve();
            imapPort = IMAP.resolve();
            mailWebPort = MAIL_WEB.resolve();
            SERVICES.forEach(s -> servicePorts.put(s, SERVICE_PORTS.get(s).resolve()));
            ServiceFleet.requireBuilt(repoRoot);
        }

        Files.writeString(stateDir.resolve("stack.pid"), Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stack-stop"));
        if (ownerPid != null) {
            watchOwner(ownerPid);
        }

        KafkaBroker kafka = new KafkaBroker(stateDir.resolve("kafka"), kafkaPort, controllerPort);
        Postgres postgres = new Postgres(stateDir.resolve("postgres"), postgresPort);
        Keycloak keycloak = new Keycloak(keycloakDist(), stateDir, keycloakPort, keycloakManagementPort);
        MailServer mail = new MailServer(smtpPort, imapPort, mailWebPort);
        startAll(List.of(kafka, postgres, keycloak, mail));
        StackControl.serve(stateDir, List.of(kafka, postgres));

        Endpoints endpoints = new Endpoints(kafka.bootstrap(), Ports.HOST, postgres.port(), keycloak.url(),
                Ports.HOST, smtpPort, imapPort, mail.webUrl(), Map.of());
        if (!infraOnly) {
            endpoints = startServices(endpoints, servicePorts);
        }
        endpoints.writeTo(endpointsFile);
        Duration took = Duration.between(started, Instant.now());
        if (infraOnly) {
            System.out.printf("Vigil infrastructure ready in %.1f s; endpoints in %s%n", took.toMillis() / 1000.0,
                    endpointsFile);
        } else {
            printSummary(endpoints, endpointsFile, took);
        }
        new CountDownLatch(1).await();
    }

    private void startAll(List<Component> toStart) throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Component component : toStart) {
            synchronized (components) {
                components.add(component);
            }
            futures.add(CompletableFuture.runAsync(() -> {
                Instant t0 = Instant.now();
                try {
                    component.start();
                } catch (Exception e) {
                    throw new StackException(component.name() + " did not start: " + e.getMessage(), e);
                }
                System.out.printf("%s ready in %.1f s%n", component.name(),
                        Duration.between(t0, Instant.now()).toMillis() / 1000.0);
            }, executor));
        }
        // Wait for every start to settle before failing, so nothing is left half-started when we stop.
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof StackException stackException) {
                    if (stackException.getCause() != null && !(stackException.getCause() instanceof StackException)
                            && !(stackException.getCause() instanceof IllegalStateException)) {
                        stackException.getCause().printStackTrace();
                    }
                    throw stackException;
                }
                throw e;
            }
        }
    }

    private Endpoints startServices(Endpoints infra, Map<String, Integer> ports) {
        ServiceFleet started = ServiceFleet.start(infra, repoRoot, ports, stateDir.resolve("logs"));
        synchronized (services) {
            services.add(started);
        }
        return infra.withServiceUrls(started.urls());
    }

    private static void checkPorts(List<PortSpec> specs) {
        List<String> problems = new ArrayList<>();
        Map<Integer, PortSpec> byPort = new LinkedHashMap<>();
        for (PortSpec spec : specs) {
            int port = spec.resolve();
            PortSpec clash = byPort.putIfAbsent(port, spec);
            if (clash != null) {
                problems.add("port " + port + " is configured for both " + clash.purpose() + " (" + clash.env()
                        + ") and " + spec.purpose() + " (" + spec.env() + ")");
            } else if (!Ports.isFree(port)) {
                problems.add("port " + port + " for " + spec.purpose() + " is already in use; free it or set "
                        + spec.env() + " to another port");
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException("Cannot start:\n  - " + String.join("\n  - ", problems));
        }
    }

    private void watchOwner(long ownerPid) {
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            throw new StackException("Owner process " + ownerPid + " is not running");
        }
        owner.get().onExit().thenRun(() -> {
            System.out.println("Owner process " + ownerPid + " has exited; stopping");
            System.exit(0);
        });
    }

    /** Runs once, from the shutdown hook: on Ctrl-C, SIGTERM, owner exit or a failed start. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            // Readers treat the file as "ready"; it must go before anything stops.
            Files.deleteIfExists(stateDir.resolve(Endpoints.FILE_NAME));
        } catch (IOException ignored) {
            // Best effort: the pid check covers a stale file.
        }
        System.out.println("Stopping Vigil local stack...");
        List<ServiceFleet> toStop;
        synchronized (services) {
            toStop = List.copyOf(services);
        }
        closeInParallel(toStop.stream().<Runnable>map(s -> s::close).toList());
        List<Component> started;
        synchronized (components) {
            started = List.copyOf(components);
        }
        closeInParallel(started.stream().<Runnable>map(c -> c::close).toList());
        try {
            Path pid = stateDir.resolve("stack.pid");
            if (Files.exists(pid)
                    && Files.readString(pid).trim().equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(pid);
            }
        } catch (IOException ignored) {
            // A stale pid file is recognised by the process being gone.
        }
        System.out.println("Stopped.");
    }

    private static void closeInParallel(List<Runnable> closers) {
        List<Thread> threads = new ArrayList<>();
        for (Runnable closer : closers) {
            Thread t = new Thread(closer, "stack-close");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void printSummary(Endpoints e, Path endpointsFile, Duration took) {
        String line = "-".repeat(78);
        StringBuilder b = new StringBuilder();
        b.append('\n').append(line).append('\n')
                .append(String.format("Vigil is running (started in %.0f s). Ctrl-C or infra/local-stack/run.sh stop"
                        + " stops everything.%n", took.toMillis() / 1000.0))
                .append(line).append('\n');
        e.serviceUrls().forEach((name, url) -> b.append(String.format("  %-13s %s%n", name, url)));
        b.append(String.format("  %-13s %s   (admin console: %s/admin, %s / %s)%n", "Keycloak", e.keycloakUrl(),
                e.keycloakUrl(), DemoRealm.ADMIN_USERNAME, DemoRealm.ADMIN_PASSWORD));
        b.append(String.format("  %-13s %s%n", "OIDC issuer", e.keycloakRealmUrl()));
        b.append(String.format("  %-13s %s%n", "Kafka", e.kafkaBootstrap()));
        b.append(String.format("  %-13s %s:%d (databases %s; user = password = database name)%n", "PostgreSQL",
                e.postgresHost(), e.postgresPort(), String.join(", ", Postgres.DATABASES)));
        b.append(String.format("  %-13s %s:%d (IMAP %d, any password)%n", "SMTP", e.smtpHost(), e.smtpPort(),
                e.imapPort()));
        b.append(String.format("  %-13s %s%n", "Mail page", e.mailWebUrl()));
        b.append(String.format("  %-13s %s%n", "Endpoints", endpointsFile));
        b.append(String.format("  %-13s %s%n", "Logs", stateDir.resolve("logs")));
        b.append('\n').append("Demo users (password ").append(DemoRealm.USER_PASSWORD)
                .append("), trust ").append(DemoRealm.TRUST_ID).append(":\n");
        for (String prefix : DemoRealm.SCHOOL_PREFIXES) {
            b.append("  ").append(String.join(", ",
                    DemoRealm.PERSON_ROLES.stream().map(r -> DemoRealm.user(prefix, r)).toList())).append('\n');
        }
        b.append("  north.* act for ").append(DemoRealm.NORTH_SCHOOL_ID).append(", south.* for ")
                .append(DemoRealm.SOUTH_SCHOOL_ID).append("; *.trust-* act for both.\n");
        b.append("Token: curl -s -d grant_type=password -d client_id=").append(DemoRealm.WEB_CLIENT_ID)
                .append(" -d username=north.dsl -d password=").append(DemoRealm.USER_PASSWORD).append(' ')
                .append(e.tokenUrl()).append('\n');
        b.append("App client: ").append(DemoRealm.APP_CLIENT_ID).append(" / ").append(DemoRealm.APP_CLIENT_SECRET)
                .append(" (client credentials)\n").append(line);
        System.out.println(b);
    }

    private static Path keycloakDist() {
        String configured = System.getProperty("vigil.keycloak.dist");
        if (configured != null) {
            return Path.of(configured);
        }
        return classesDir().map(classes -> classes.resolveSibling("dist").resolve("keycloak-dist.zip"))
                .orElse(Path.of("infra/local-stack/target/dist/keycloak-dist.zip").toAbsolutePath());
    }

    private static Optional<Path> classesDir() {
        try {
            Path location = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The repository root: the working directory or an ancestor holding {@code mvnw}. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra/local-stack"))) {
                return dir;
            }
        }
        return classesDir().map(c -> c.getParent().getParent().getParent().getParent())
                .orElse(Path.of("").toAbsolutePath());
    }

    private static void quietLibraryLogging() {
        // Kafka and the embedded servers log thousands of INFO lines; a person needs the warnings only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        // A fresh single-node controller always "activates" with a warning; it is the expected path here.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller.QuorumController", "error");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("""
                Usage: LocalStack [--infra-only] [--state-dir <dir>] [--owner-pid <pid>]
                  --infra-only   Kafka, PostgreSQL, Keycloak and SMTP on free ports, without the services
                  --state-dir    data, logs, stack.pid and endpoints.properties (default <repo>/target/vigil-local)
                  --owner-pid    stop when this process exits""");
    }

    /** A failure with a message meant for a person; no stack trace needed. */
    static final class StackException extends RuntimeException {
        StackException(String message) {
            super(message);
        }

        StackException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
