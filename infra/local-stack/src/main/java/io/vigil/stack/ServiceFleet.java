package io.vigil.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The four Vigil services, each run from its Quarkus build as its own process against a running
 * infrastructure. The run command uses it with fixed ports, the system tests with free ones.
 */
public final class ServiceFleet implements AutoCloseable {

    /** The services, in the order they are started. */
    public static final List<String> SERVICES = List.of("intake", "triage", "notification", "reporting");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Map<String, String> urls = new LinkedHashMap<>();

    private ServiceFleet() {
    }

    /** Starts every service on a free port and waits until each is ready. */
    public static ServiceFleet start(Endpoints infra, Path repoRoot, Path logDir) {
        return start(infra, repoRoot, logDir, Map.of());
    }

    /**
     * Starts every service on a free port, with {@code overrides} on top of the configuration the fleet
     * gives each (a test points them all at its own trace collector this way), and waits until each is
     * ready.
     */
    public static ServiceFleet start(Endpoints infra, Path repoRoot, Path logDir, Map<String, String> overrides) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICES.forEach(s -> ports.put(s, Ports.free()));
        return start(infra, repoRoot, ports, logDir, overrides);
    }

    /** Starts every service on the given port and waits until each is ready; stops them all on failure. */
    public static ServiceFleet start(Endpoints infra, Path repoRoot, Map<String, Integer> ports, Path logDir) {
        return start(infra, repoRoot, ports, logDir, Map.of());
    }

    private static ServiceFleet start(Endpoints infra, Path repoRoot, Map<String, Integer> ports, Path logDir,
            Map<String, String> overrides) {
        ServiceFleet fleet = new ServiceFleet();
        try {
            fleet.launch(infra, repoRoot, ports, logDir, overrides);
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * One service alone, on the given port, with {@code overrides} on top of the configuration the
     * fleet gives it (a benchmark raises limits this way); waits until it is ready.
     */
    public static ServiceProcess startAlone(String name, Endpoints infra, Path repoRoot, int port,
            Map<String, String> overrides, Path logDir) {
        Path jar = jarOf(repoRoot, name);
        if (!Files.isRegularFile(jar)) {
            throw new LocalStack.StackException("The " + name + " build is missing: " + jar
                    + ". Build first (./mvnw package -DskipTests).");
        }
        // Alone, there is no triage for mails to link to.
        Map<String, String> config = configOf(name, infra, port, null);
        config.putAll(overrides);
        ServiceProcess process = new ServiceProcess(name, jar, config, port, logDir.resolve(name + ".log"));
        try {
            Files.createDirectories(logDir);
            process.start();
            process.awaitReady(READY_TIMEOUT);
            return process;
        } catch (IOException e) {
            process.close();
            throw new LocalStack.StackException("Cannot start " + name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The jar of a service's Quarkus build. */
    public static Path jarOf(Path repoRoot, String service) {
        return repoRoot.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Base URL of a running service. */
    public String url(String service) {
        String url = urls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("No service " + service);
        }
        return url;
    }

    /** The running process of a service, to kill and restart it. */
    public ServiceProcess process(String service) {
        return processes.stream().filter(p -> p.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + service));
    }

    /** How long a service may take to be ready. */
    public static Duration readyTimeout() {
        return READY_TIMEOUT;
    }

    public Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    /** Fails with a clear message when a service has not been built. */
    public static void requireBuilt(Path repoRoot) {
        List<String> missing = SERVICES.stream().map(s -> jarOf(repoRoot, s)).filter(j -> !Files.isRegularFile(j))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new LocalStack.StackException("Service builds are missing: " + String.join(", ", missing)
                    + ". Build first (./mvnw package -DskipTests).");
        }
    }

    private void launch(Endpoints infra, Path repoRoot, Map<String, Integer> ports, Path logDir,
            Map<String, String> overrides) {
        requireBuilt(repoRoot);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String caseBaseUrl = "http://" + Ports.HOST + ":" + ports.get("triage") + "/api/v1/incidents/";
        for (String name : SERVICES) {
            int port = ports.get(name);
            Map<String, String> config = configOf(name, infra, port, caseBaseUrl);
            config.putAll(overrides);
            ServiceProcess process = new ServiceProcess(name, jarOf(repoRoot, name), config, port,
                    logDir.resolve(name + ".log"));
            processes.add(process);
            try {
                process.start();
            } catch (IOException e) {
                throw new LocalStack.StackException("Cannot start " + name + ": " + e.getMessage());
            }
            urls.put(name, process.url());
        }
        // Services start in parallel; on two cores the common pool would wait for them one by one.
        ExecutorService waiters = Executors.newFixedThreadPool(processes.size());
        try {
            List<CompletableFuture<Void>> ready = processes.stream().map(p -> CompletableFuture.runAsync(() -> {
                Instant t0 = Instant.now();
                p.awaitReady(READY_TIMEOUT);
                System.out.printf("%s ready in %.1f s%n", p.name(), Duration.between(t0, Instant.now()).toMillis() / 1000.0);
            }, waiters)).toList();
            for (CompletableFuture<Void> future : ready) {
                try {
                    future.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : e;
                }
            }
        } finally {
            waiters.shutdownNow();
        }
    }

    private static Map<String, String> configOf(String name, Endpoints infra, int port, String caseBaseUrl) {
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig(name));
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("quarkus.http.host", Ports.HOST);
        if (caseBaseUrl != null) {
            config.put("vigil.links.case-base-url", caseBaseUrl);
        }
        if (name.equals("intake")) {
            // Syslog listens on loopback too; the port is fixed (appliances are configured with it).
            config.put("vigil.intake.syslog.host", Ports.HOST);
            String syslogPort = System.getenv().getOrDefault("VIGIL_SYSLOG_PORT", "5140");
            config.put("vigil.intake.syslog.tcp-port", syslogPort);
            config.put("vigil.intake.syslog.udp-port", syslogPort);
        }
        return config;
    }

    @Override
    public void close() {
        List<Thread> stopping = processes.stream().map(p -> new Thread(p::close, "stop-" + p.name())).toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
