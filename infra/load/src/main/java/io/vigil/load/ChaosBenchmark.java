package io.vigil.load;

import io.vigil.stack.Endpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

/**
 * The full chaos run ({@code infra/load/run.sh chaos}): {@link ChaosRun} at full size on the infrastructure
 * the script started, its verdict printed and written into {@code docs/reliability.md}. Exits 1 if a check
 * failed.
 */
public final class ChaosBenchmark {

    static final String BEGIN = "<!-- chaos figures: written by infra/load/run.sh chaos -->";
    static final String END = "<!-- end of chaos figures -->";
    private static final Path LOGS = Path.of("infra/load/target/results/chaos-logs").toAbsolutePath();

    record Options(Path stateDir, ChaosRun.Plan plan, Path doc, String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of());
            Options options = new Options(Path.of(line.required("state-dir")),
                    new ChaosRun.Plan(line.integer("alerts", 100_000), line.integer("alerts-per-second", 250),
                            line.integer("kills", 12), true, true,
                            Duration.ofSeconds(line.integer("smtp-outage-seconds", 300)),
                            line.integer("seed", (int) (System.currentTimeMillis() % 1_000_000)),
                            Duration.ofMinutes(line.integer("settle-minutes", 20))),
                    Path.of(line.string("doc", "docs/reliability.md")), line.string("command", "infra/load/run.sh chaos"));
            line.requireAllTaken();
            return options;
        }
    }

    private ChaosBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh chaos [--alerts N]"
                + " [--alerts-per-second N] [--kills N] [--smtp-outage-seconds S] [--seed N] [--settle-minutes M]"
                + " [--doc FILE]");
        Files.createDirectories(LOGS);
        Endpoints infra = Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME));
        ChaosChecks.Verdict verdict = new ChaosRun(infra, options.stateDir(), Path.of("").toAbsolutePath(), LOGS,
                options.plan()).run();
        String figures = markdown(verdict, options.command());
        System.out.println(figures);
        FiguresSection.write(options.doc(), BEGIN, END, "## Latest full chaos run", figures);
        Host.log("Written to %s; service logs in %s", options.doc(), LOGS);
        System.exit(verdict.passed() ? 0 : 1);
    }

    /** The run as a page section: how it was produced, what was broken when, and every check. */
    public static String markdown(ChaosChecks.Verdict v, String command) {
        ChaosRun.Plan plan = v.plan();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s with `%s` on %s (load average at the end %.1f).%n%n",
                LocalDate.now(ZoneOffset.UTC), command, Host.describe(), Host.loadAverage()));
        md.append(String.format(Locale.ROOT, "%,d alerts at %,d/s to intake's webhook (seed %d); %d services killed"
                        + " with SIGKILL and restarted; Kafka and PostgreSQL restarted once each; SMTP unreachable for"
                        + " %d s. The stream took %.0f s; the system settled %.0f s after the last fault was over.%n%n",
                plan.alerts(), plan.alertsPerSecond(), plan.seed(), plan.serviceKills(), plan.smtpOutage().toSeconds(),
                v.sending().seconds(), v.settleSeconds()));
        md.append(String.format(Locale.ROOT, "The sender retried %,d times: %,d answers 503/429 (broker or intake away),"
                        + " %,d connections cut or refused (intake killed), %,d other answers.%n%n",
                v.sending().retries(), v.sending().unavailable(), v.sending().cutOff(), v.sending().otherAnswers()));
        md.append("| at (s) | fault | back after (s) |\n|---:|---|---:|\n");
        v.faults().stream().sorted(java.util.Comparator.comparingDouble(ChaosRun.Fault::atSeconds)).forEach(f ->
                md.append(String.format(Locale.ROOT, "| %.0f | %s | %.1f |%n", f.atSeconds(), f.what(),
                        f.recoverySeconds())));
        md.append('\n').append(v.table()).append('\n');
        md.append("**Verdict: ").append(v.passed() ? "passed" : "FAILED").append("**\n");
        return md.toString();
    }
}
