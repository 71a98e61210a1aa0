package io.vigil.stack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Vigil service run from its Quarkus build as a child process. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Map<String, String> config;
    private final int port;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, Map<String, String> config, int port, Path log) {
        this.name = name;
        this.jar = jar;
        this.config = config;
        this.port = port;
        this.log = log;
    }

    public String name() {
        return name;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://" + Ports.HOST + ":" + port;
    }

    /** The process id, for {@code jcmd} and the like; -1 before it started. */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        process = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                // A restart keeps what the killed process wrote before it.
                .redirectOutput(process == null ? Redirect.to(log.toFile()) : Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * Kills the process with SIGKILL, as the kernel's OOM killer or a lost node would: no shutdown hook runs,
     * nothing in flight is finished. Returns once it is gone.
     */
    public void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            try {
                running.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStack.StackException("Interrupted while " + name + " was killed");
            }
        }
    }

    /** Starts the process again, after {@link #kill()}, with the same configuration and port; waits until ready. */
    public void restart(Duration timeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        try {
            start();
        } catch (IOException e) {
            throw new LocalStack.StackException("Cannot restart " + name + ": " + e.getMessage());
        }
        awaitReady(timeout);
    }

    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create(url() + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new LocalStack.StackException(name + " exited with code " + process.exitValue()
                        + " during start-up; see " + log);
            }
            try {
                lastStatus = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStack.StackException("Interrupted while waiting for " + name);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStack.StackException("Interrupted while waiting for " + name);
            }
        }
        throw new LocalStack.StackException(name + " was not ready at " + health + " within "
                + timeout.toSeconds() + " s (last status " + lastStatus + "); see " + log);
    }

    @Override
    public void close() {
        if (process != null) {
            ProcessTrees.destroy(process.toHandle(), Duration.ofSeconds(20));
            process = null;
        }
    }
}
