package io.vigil.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real PostgreSQL server (binaries from Maven Central) with one database and login role per service. */
final class Postgres implements Component {

    /** One database per service: no service reads another's. */
    static final List<String> DATABASES = List.of("intake", "triage", "notification", "reporting");

    private final Path dir;
    private final int port;
    private EmbeddedPostgres postgres;

    Postgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    int port() {
        return port;
    }

    @Override
    public void start() throws Exception {
        Path data = dir.resolve("data");
        stopLeftOverServer(data);
        Dirs.deleteRecursively(data);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path log = dir.resolve("postgres.log");
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setOverrideWorkingDirectory(work.toFile())
                .setCleanDataDirectory(true)
                // Closing is ordered by the stack's own shutdown hook.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", Ports.HOST)
                // The embedded server's default, synchronous_commit=off, answers a commit before its
                // write-ahead log is written, so a crash loses commits the services were told had
                // succeeded (and whose Kafka offsets they then committed). Vigil needs PostgreSQL's own
                // default. Its -F (no fsync) only matters if the machine itself fails, not the server.
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        createDatabases();
    }

    private void createDatabases() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                // Local-development default: role, database and password share the service's name.
                s.execute("CREATE ROLE " + db + " LOGIN PASSWORD '" + db + "'");
                s.execute("CREATE DATABASE " + db + " OWNER " + db);
            }
        }
    }

    /**
     * Stops the server at once, as a crash would ({@code pg_ctl restart -m immediate}: no checkpoint, so
     * the restart replays the write-ahead log), and starts it again with the options it ran with.
     */
    @Override
    public void restart() throws Exception {
        Path pgCtl;
        try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("work"))) {
            pgCtl = files.filter(f -> f.endsWith(Path.of("bin", "pg_ctl"))).findFirst()
                    .orElseThrow(() -> new IOException("pg_ctl not found under " + dir.resolve("work")));
        }
        Path log = dir.resolve("postgres.log");
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; the embedded server runs in a user namespace, as here.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "restart", "-D", dir.resolve("data").toString(), "-m", "immediate",
                "-w", "-t", "120", "-l", log.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(150, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("pg_ctl restart failed; see " + log);
        }
    }

    /**
     * A stack killed with SIGKILL leaves its postmaster running on the data directory; it has to go
     * before the directory is wiped and reused.
     */
    private static void stopLeftOverServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(false));
        handle.ifPresent(p -> {
            System.out.println("Stopping PostgreSQL left over from an earlier run (pid " + pid + ")");
            p.destroy();
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                p.destroyForcibly();
                return p;
            }).join();
        });
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL did not shut down cleanly: " + e);
            }
            postgres = null;
        }
    }
}
