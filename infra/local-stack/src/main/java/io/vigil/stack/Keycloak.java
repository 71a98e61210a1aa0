package io.vigil.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from its Maven Central distribution, run as a child process with the Vigil realm imported
 * into an in-memory database, so every start begins from the same demo data.
 */
final class Keycloak implements Component {

    static final String VERSION = "26.5.6";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    private static final String REALM_RESOURCE = "/keycloak/vigil-realm.json";
    private static final String PREFERRED_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private final Path distZip;
    private final Path stateDir;
    private final int port;
    private final int managementPort;
    private Process process;

    Keycloak(Path distZip, Path stateDir, int port, int managementPort) {
        this.distZip = distZip;
        this.stateDir = stateDir;
        this.port = port;
        this.managementPort = managementPort;
    }

    @Override
    public String name() {
        return "Keycloak";
    }

    String url() {
        return "http://" + Ports.HOST + ":" + port;
    }

    @Override
    public void start() throws Exception {
        Path pidFile = stateDir.resolve("keycloak.pid");
        stopLeftOver(pidFile);
        Path home = installedHome();
        Path log = stateDir.resolve("keycloak.log");
        Files.createDirectories(stateDir);

        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--import-realm",
                // Build-time option: it must be identical on every start, or Keycloak rebuilds itself
                // (about two minutes) instead of reusing the build made on the first start.
                "--db=dev-mem",
                "--http-host=" + Ports.HOST,
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--hostname-strict=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(log.toFile()))
                .redirectInput(Redirect.from(nullDevice()));
        Map<String, String> env = builder.environment();
        // Local-development default administrator of the throw-away master realm.
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", DemoRealm.ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", DemoRealm.ADMIN_PASSWORD);
        javaHome().ifPresent(javaHome -> env.put("JAVA_HOME", javaHome));
        // Options from the caller's environment would change the build and force a rebuild.
        env.keySet().removeIf(key -> key.startsWith("KC_") && !key.startsWith("KC_BOOTSTRAP_ADMIN_"));

        process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        awaitReady(log);
    }

    private void awaitReady(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(url() + "/realms/" + Endpoints.REALM + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT.toMinutes()
                + " minutes; see " + log);
    }

    /**
     * The unpacked distribution, shared by every stack on this machine so that Keycloak's first-start
     * build is paid once. A marker written after unpacking tells a complete copy from an interrupted one.
     */
    private Path installedHome() throws IOException {
        Path cache = cacheDir();
        Path home = cache.resolve("keycloak-" + VERSION);
        Path marker = cache.resolve("keycloak-" + VERSION + ".unpacked");
        Files.createDirectories(cache);
        try (FileChannel channel = FileChannel.open(cache.resolve("keycloak-" + VERSION + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (!Files.exists(marker)) {
                if (!Files.isRegularFile(distZip)) {
                    throw new IllegalStateException("Keycloak distribution not found at " + distZip
                            + "; build infra/local-stack first (./mvnw -pl infra/local-stack -am package)");
                }
                System.out.println("Unpacking Keycloak " + VERSION + " into " + home);
                Dirs.deleteRecursively(home);
                unzip(distZip, cache);
                home.resolve("bin/kc.sh").toFile().setExecutable(true);
                Files.writeString(marker, Instant.now().toString());
            }
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = Keycloak.class.getResourceAsStream(REALM_RESOURCE)) {
                if (realm == null) {
                    throw new IllegalStateException(REALM_RESOURCE + " is missing from the class path");
                }
                Path tmp = Files.createTempFile(imports, "vigil-realm", ".tmp");
                Files.copy(realm, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, imports.resolve("vigil-realm.json"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return home;
    }

    static Path cacheDir() {
        String configured = System.getenv("VIGIL_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "vigil");
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("Zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private static Optional<String> javaHome() {
        String configured = System.getenv("VIGIL_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        // Keycloak starts markedly faster on a current JDK; the build itself stays on 17.
        if (Files.isExecutable(Path.of(PREFERRED_JAVA_HOME, "bin", "java"))) {
            return Optional.of(PREFERRED_JAVA_HOME);
        }
        return Optional.ofNullable(System.getenv("JAVA_HOME"))
                .or(() -> Optional.of(System.getProperty("java.home")));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** A stack killed with SIGKILL leaves Keycloak behind; it still holds its ports and the shared home. */
    private static void stopLeftOver(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("kc.sh")
                            || cmd.contains("keycloak")).orElse(false))
                    .ifPresent(p -> {
                        System.out.println("Stopping Keycloak left over from an earlier run (pid " + pid + ")");
                        ProcessTrees.destroy(p, Duration.ofSeconds(20));
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException(new IOException("Cannot check " + pidFile, e));
        }
    }

    @Override
    public void close() {
        if (process != null) {
            ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(20));
            try {
                Files.deleteIfExists(stateDir.resolve("keycloak.pid"));
            } catch (IOException ignored) {
                // Only a hint for the next start.
            }
            process = null;
        }
    }

}
