package io.vigil.load;

import io.vigil.load.abuse.AbuseReport;
import io.vigil.load.abuse.AbuseRun;
import io.vigil.load.abuse.QuarantineReasons;
import io.vigil.load.abuse.UserTokens;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The full input-abuse run: the four services on the running infrastructure, and a million generated and
 * spoilt inputs (by default) to every HTTP endpoint, the syslog listener over UDP and TCP and the report
 * upload. Prints and writes a summary; exits 1 when anything escaped (a 5xx, a rejection that is no
 * problem+json, an input intake did not account for, a listener that no longer turns a good line into an
 * incident). See {@code infra/load/run.sh abuse}.
 */
public final class AbuseBenchmark {

    /** What to run. */
    record Options(Path stateDir, long inputs, long seed, int threads, int udpPerMillisecond, Path summary) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of());
            Options options = new Options(Path.of(line.required("state-dir")),
                    line.integer("inputs", 1_000_000),
                    Long.parseLong(line.string("seed", Long.toString(System.nanoTime()))),
                    line.integer("threads", 8),
                    line.integer("udp-per-ms", 1),
                    Path.of(line.string("summary", "infra/load/target/results/abuse-summary.txt")));
            line.string("command", "");
            line.requireAllTaken();
            if (options.inputs() < 1 || options.threads() < 1 || options.udpPerMillisecond() < 1) {
                throw new IllegalArgumentException("--inputs, --threads and --udp-per-ms must be positive");
            }
            return options;
        }
    }

    private AbuseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh abuse [--inputs N] [--seed S]"
                + " [--threads N] [--udp-per-ms N] [--summary FILE]");
        Path root = Path.of("").toAbsolutePath();
        Endpoints infra = Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME));
        Path logs = root.resolve("infra/load/target/results/logs");
        int tcp = Ports.free();
        int udp = Ports.free();
        Map<String, String> overrides = AbuseRun.fleetOverrides(tcp, udp);
        Host.log("Starting the four services (logs: %s)", logs);
        AbuseReport report;
        try (ServiceFleet fleet = ServiceFleet.start(infra, root, logs, overrides)) {
            Map<String, String> urls = new LinkedHashMap<>();
            ServiceFleet.SERVICES.forEach(s -> urls.put(s, fleet.url(s)));
            // Intake's database role: a local-development default (user = password = database name).
            report = AbuseRun.run(new AbuseRun.Fleet(urls, Ports.HOST, tcp, udp, new UserTokens(infra.tokenUrl()),
                    http -> QuarantineReasons.fromDatabase(infra.jdbcUrl("intake"), "intake", "intake")),
                    new AbuseRun.Options(options.seed(), options.inputs(), options.threads(),
                            options.udpPerMillisecond()), System.out);
        }
        String summary = report.summary();
        System.out.println();
        System.out.print(summary);
        Files.createDirectories(options.summary().toAbsolutePath().getParent());
        Files.writeString(options.summary(), summary, StandardCharsets.UTF_8);
        Host.log("Wrote %s", options.summary());
        System.exit(report.discrepancies().isEmpty() ? 0 : 1);
    }
}
