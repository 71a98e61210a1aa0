package io.vigil.testing;

import io.vigil.stack.Endpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one local stack of the current build: started by the first test that needs it, reused by every
 * later test class and module, and stopped by the stack itself when the Maven process that owns it exits.
 * Plain JUnit tests call {@link #endpoints()}; Quarkus tests use {@link VigilStackResource}.
 */
public final class VigilStack {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final String MAIN_CLASS = "io.vigil.stack.LocalStack";

    private static Endpoints current;

    private VigilStack() {
    }

    /** Endpoints of the running stack, starting it first if this build has none yet. */
    public static synchronized Endpoints endpoints() {
        Path dir = stateDir();
        if (current != null && stackProcess(dir).isPresent()) {
            return current;
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve("lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                    FileLock ignored = lock(channel)) {
                current = reuseOrStart(dir);
                return current;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Vigil stack in " + dir, e);
        }
    }

    /** {@code <build root>/target/vigil-test-stack}: data, logs and the endpoints file of the test stack. */
    public static Path stateDir() {
        return buildRoot().resolve("target").resolve("vigil-test-stack");
    }

    /**
     * The root of the build: the {@code vigil.build.root} system property that the parent POM gives every
     * test JVM, else the nearest directory upwards holding {@code mvnw}.
     */
    public static Path buildRoot() {
        String configured = System.getProperty("vigil.build.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the build root: set -Dvigil.build.root or run below the"
                + " directory that holds mvnw");
    }

    private static FileLock lock(FileChannel channel) throws IOException {
        // Two class loaders of one JVM (Quarkus tests) share the OS lock; the second waits its turn.
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Timed out waiting for the stack lock", e);
                }
                sleep(200);
            }
        }
    }

    private static Endpoints reuseOrStart(Path dir) throws IOException {
        Path endpointsFile = dir.resolve(Endpoints.FILE_NAME);
        Optional<ProcessHandle> running = stackProcess(dir);
        if (running.isPresent()) {
            // Either still starting (its starter died) or stopping with its previous owner: wait to see which.
            Optional<Endpoints> settled = awaitEndpoints(dir, running.get(), START_TIMEOUT, false);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        Files.deleteIfExists(endpointsFile);
        Process process = launch(dir);
        return awaitEndpoints(dir, process.toHandle(), START_TIMEOUT, true).orElseThrow();
    }

    private static Process launch(Path dir) throws IOException {
        Path root = buildRoot();
        Path classes = root.resolve("infra/local-stack/target/classes");
        Path classpathFile = root.resolve("infra/local-stack/target/stack-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("The local stack is not built (" + classpathFile + " is missing); build"
                    + " it first: ./mvnw -pl infra/local-stack -am package");
        }
        String classpath = classes + java.io.File.pathSeparator
                + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-cp", classpath, MAIN_CLASS,
                "--infra-only", "--state-dir", dir.toString(), "--owner-pid", Long.toString(ownerPid())));
        Path log = dir.resolve("stack.log");
        return new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    /**
     * Waits for the endpoints file while the stack process lives. Empty if the process exits first and
     * {@code failOnExit} is false, so a stack that was stopping can be replaced.
     */
    private static Optional<Endpoints> awaitEndpoints(Path dir, ProcessHandle stack, Duration timeout,
            boolean failOnExit) {
        Path endpointsFile = dir.resolve(Endpoints.FILE_NAME);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(endpointsFile) && stack.isAlive()) {
                return Optional.of(Endpoints.readFrom(endpointsFile));
            }
            if (!stack.isAlive()) {
                if (failOnExit) {
                    throw new IllegalStateException("The Vigil stack exited during start-up. Last lines of "
                            + dir.resolve("stack.log") + ":\n" + tail(dir.resolve("stack.log"), 40));
                }
                return Optional.empty();
            }
            sleep(250);
        }
        throw new IllegalStateException("The Vigil stack was not ready within " + timeout.toMinutes()
                + " minutes. Last lines of " + dir.resolve("stack.log") + ":\n" + tail(dir.resolve("stack.log"), 40));
    }

    private static Optional<ProcessHandle> stackProcess(Path dir) {
        Path pidFile = dir.resolve("stack.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    // A recycled pid belongs to something else.
                    .filter(p -> commandLine(p).map(cmd -> cmd.contains(MAIN_CLASS)).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The process whose exit stops the stack: the Maven JVM running this build, so the stack outlives
     * each test JVM but not the build. Outside Maven (an IDE) it is this JVM.
     */
    static long ownerPid() {
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        while (ancestor.isPresent()) {
            ProcessHandle p = ancestor.get();
            String cmd = commandLine(p).orElse("");
            if (cmd.contains("org.codehaus.plexus.classworlds.launcher.Launcher") || cmd.contains("plexus-classworlds")) {
                return p.pid();
            }
            ancestor = p.parent();
        }
        return ProcessHandle.current().pid();
    }

    /**
     * The full command line. {@code ProcessHandle.Info} cuts long ones short, and a class path easily
     * pushes the main class past its limit; Linux has the whole line in {@code /proc}.
     */
    private static Optional<String> commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' '));
            }
        } catch (IOException e) {
            // Gone meanwhile, or not ours to read: fall back to what the JDK reports.
        }
        return process.info().commandLine();
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> list = all.toList();
            return String.join("\n", list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Vigil stack", e);
        }
    }
}
