package io.vigil.load;

import io.vigil.stack.AccessTokens;
import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import io.vigil.stack.Ports;
import io.vigil.stack.ServiceFleet;
import io.vigil.stack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report benchmark: reporting as its own process on the running infrastructure, with a made-up trust of
 * many schools and a year of incidents (and the year before, for the trend) written straight into its
 * register. Times the trust-wide governor report over HTTP (JSON and PDF) against one hand-written SQL
 * aggregate over the same year's rows, run beside it in the same repetition. See {@code infra/load/run.sh}
 * and {@code docs/performance.md}.
 */
public final class ReportBenchmark {

    private static final Path LOGS = Path.of("infra/load/target/results/logs").toAbsolutePath();
    /** The academic year reported (2024-25) and the one before it, for the trend. */
    private static final int YEAR = 2024;
    private static final String PERIOD = "2024-25";
    private static final Pattern INCIDENTS_OPENED = Pattern.compile("\\[\"Incidents opened\",\"([^\"]+)\"\\]");

    /** What to run. */
    record Options(Path stateDir, int schools, int incidents, int repetitions, int warmup, long seed, Path doc,
            String command) {

        static Options parse(String[] args) {
            CommandLine line = new CommandLine(args, Set.of());
            Options options = new Options(
                    Path.of(line.required("state-dir")),
                    line.integer("schools", 100),
                    line.integer("incidents", 100_000),
                    line.integer("repetitions", 10),
                    line.integer("warmup", 5),
                    line.integer("seed", 20_261_124),
                    Path.of(line.string("doc", "docs/performance.md")),
                    line.string("command", "infra/load/run.sh report"));
            line.requireAllTaken();
            return options;
        }
    }

    private final Options options;
    private final Endpoints infra;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ReportBenchmark(Options options, Endpoints infra) {
        this.options = options;
        this.infra = infra;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLine.parseOrExit(args, Options::parse, "infra/load/run.sh report [--schools N]"
                + " [--incidents N] [--repetitions N] [--warmup N] [--seed N] [--doc FILE]");
        Files.createDirectories(LOGS);
        new ReportBenchmark(options, Endpoints.readFrom(options.stateDir().resolve(Endpoints.FILE_NAME)))
                .run(Path.of("").toAbsolutePath());
    }

    private void run(Path root) throws Exception {
        String trustId = "load-trust-" + Markers.next().substring(1, 9).toLowerCase(Locale.ROOT);
        ReportRows rows = new ReportRows(trustId, options.schools(), options.seed());
        int port = Ports.free();
        Host.log("Starting reporting (log: %s)", LOGS.resolve("reporting.log"));
        List<ReportBenchReport.Repetition> repetitions = new ArrayList<>();
        double fillSeconds;
        long referrals;
        try (ServiceProcess reporting = ServiceFleet.startAlone("reporting", infra, root, port, Map.of(), LOGS);
                Connection db = DriverManager.getConnection(infra.jdbcUrl("reporting") + "?reWriteBatchedInserts=true",
                        "reporting", "reporting")) {
            long t0 = System.nanoTime();
            referrals = rows.insertYear(db, YEAR - 1, options.incidents());
            referrals += rows.insertYear(db, YEAR, options.incidents());
            fillSeconds = (System.nanoTime() - t0) / 1e9;
            Host.log("Wrote %,d incidents of %d schools in each of 2023-24 and 2024-25 (%,d referrals) in %.1f s",
                    options.incidents(), options.schools(), referrals, fillSeconds);

            String lead = "load.lead-" + trustId;
            KeycloakUsers.create(infra, lead, "trust-safeguarding-lead", trustId, rows.schools());
            String expected = String.format(Locale.ROOT, "%d", options.incidents());
            for (int i = 0; i < options.warmup(); i++) {
                String token = AccessTokens.password(infra.tokenUrl(), lead, DemoRealm.USER_PASSWORD);
                baseline(db, trustId);
                report(port, token, "json", expected);
                report(port, token, "pdf", null);
            }
            Host.log("Warmed up with %d of each request", options.warmup());
            for (int rep = 1; rep <= options.repetitions(); rep++) {
                // A token per repetition: the realm's tokens live a few minutes.
                String token = AccessTokens.password(infra.tokenUrl(), lead, DemoRealm.USER_PASSWORD);
                double sql = baseline(db, trustId);
                double json = report(port, token, "json", expected);
                double pdf = report(port, token, "pdf", null);
                ReportBenchReport.Repetition r = new ReportBenchReport.Repetition(rep, sql, json, pdf);
                Host.log("  repetition %d: SQL aggregate %.0f ms, report JSON %.0f ms (%.1f x), PDF %.0f ms", rep,
                        sql * 1e3, json * 1e3, r.ratio(), pdf * 1e3);
                repetitions.add(r);
            }
        }
        ReportBenchReport report = new ReportBenchReport(new ReportBenchReport.Context(options.command(),
                LocalDate.now().toString(), Host.describe(), options.schools(), options.incidents(), referrals,
                fillSeconds, options.warmup()), repetitions);
        System.out.println();
        System.out.print(report.markdown());
        report.writeInto(options.doc());
        Host.log("Wrote %s", options.doc());
    }

    /**
     * The baseline: one hand-written aggregate over the same year's rows (incidents per school, category and
     * severity), every result row read. Answers seconds.
     */
    private static double baseline(Connection db, String trustId) throws SQLException {
        long t0 = System.nanoTime();
        long groups = 0;
        try (PreparedStatement query = db.prepareStatement("select school_id, category, severity, count(*)"
                + " from incident_register where trust_id = ? and opened_at >= ? and opened_at < ?"
                + " group by school_id, category, severity")) {
            query.setString(1, trustId);
            query.setTimestamp(2, Timestamp.from(start(YEAR)));
            query.setTimestamp(3, Timestamp.from(start(YEAR + 1)));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    groups += rs.getLong(4) > 0 ? 1 : 0;
                }
            }
        }
        if (groups == 0) {
            throw new IllegalStateException("The baseline aggregate found no rows");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One trust-wide report request; checks it is 200 and, for JSON, that it counted every incident. */
    private double report(int port, String token, String format, String expectedIncidents)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + Ports.HOST + ":" + port
                + "/api/v1/reports/trust/" + PERIOD + "?format=" + format)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).GET().build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The " + format + " report answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (expectedIncidents != null) {
            Matcher opened = INCIDENTS_OPENED.matcher(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            if (!opened.find() || !opened.group(1).equals(expectedIncidents)) {
                throw new IllegalStateException("The report did not count " + expectedIncidents + " incidents: "
                        + (opened.find(0) ? opened.group(1) : "no summary"));
            }
        }
        return seconds;
    }

    private static Instant start(int year) {
        return LocalDate.of(year, 9, 1).atStartOfDay(ReportRows.LONDON).toInstant();
    }
}
