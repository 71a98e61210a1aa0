package io.vigil.reporting.audit;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command-line check of the audit chains in the reporting database: prints one line per trust
 * (intact with its length and last hash, or the first broken link) and exits 0 when every chain is
 * intact, 1 when one is broken, 2 when it could not check. It runs with the JDK and the service's
 * own libraries, without starting the service: see {@code services/reporting/verify-audit.sh}.
 *
 * <pre>
 * verify-audit.sh [--trust TRUST_ID] [--jdbc-url URL] [--user NAME]
 * </pre>
 *
 * The database is the service's own: {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME} and
 * {@code _PASSWORD} as the service reads them (the password only from the environment, never an
 * argument), else the local stack's.
 */
public final class VerifyAuditChain {

    /** Every chain is intact. */
    public static final int INTACT = 0;
    /** At least one chain is broken. */
    public static final int BROKEN = 1;
    /** The check could not run (bad arguments, database not reachable). */
    public static final int NOT_CHECKED = 2;

    static final String URL_VARIABLE = "QUARKUS_DATASOURCE_JDBC_URL";
    static final String USER_VARIABLE = "QUARKUS_DATASOURCE_USERNAME";
    static final String PASSWORD_VARIABLE = "QUARKUS_DATASOURCE_PASSWORD";
    /** Local-development defaults, as in application.properties. */
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:15432/reporting";
    private static final String LOCAL_USER = "reporting";
    private static final String LOCAL_PASSWORD = "reporting";

    private static final String USAGE = "usage: verify-audit.sh [--trust TRUST_ID] [--jdbc-url URL] [--user NAME]\n"
            + "  checks every trust's audit chain (or one trust's); the password is read from "
            + PASSWORD_VARIABLE + "\n  exit status: 0 intact, 1 broken, 2 not checked";

    private VerifyAuditChain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** What {@link #main} does, returning the exit status instead of ending the JVM. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.getOrDefault(URL_VARIABLE, LOCAL_URL);
        String user = env.getOrDefault(USER_VARIABLE, LOCAL_USER);
        String trust = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ("--help".equals(option) || "-h".equals(option)) {
                out.println(USAGE);
                return INTACT;
            }
            if (i + 1 >= args.length || !List.of("--trust", "--jdbc-url", "--user").contains(option)) {
                err.println("verify-audit: unknown option or missing value: " + option);
                err.println(USAGE);
                return NOT_CHECKED;
            }
            String value = args[++i];
            switch (option) {
                case "--trust" -> trust = value;
                case "--jdbc-url" -> url = value;
                default -> user = value;
            }
        }
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", env.getOrDefault(PASSWORD_VARIABLE, LOCAL_PASSWORD));
        login.setProperty("ApplicationName", "vigil-verify-audit");
        try (Connection connection = new org.postgresql.Driver().connect(url, login)) {
            if (connection == null) {
                err.println("verify-audit: not a PostgreSQL JDBC URL: " + url);
                return NOT_CHECKED;
            }
            List<String> trusts = trust != null ? List.of(trust) : ChainVerifier.trusts(connection);
            if (trusts.isEmpty()) {
                out.println("no audit chain yet: nothing to verify");
                return INTACT;
            }
            List<ChainVerification> broken = new ArrayList<>();
            for (String trustId : trusts) {
                ChainVerification verification = ChainVerifier.verify(connection, trustId);
                out.println(verification.summary());
                if (!verification.intact()) {
                    broken.add(verification);
                }
            }
            if (!broken.isEmpty()) {
                err.println("verify-audit: " + broken.size() + " of " + trusts.size() + " audit chain(s) BROKEN");
                return BROKEN;
            }
            return INTACT;
        } catch (SQLException e) {
            err.println("verify-audit: could not read the audit chain at " + url + ": " + e.getMessage());
            return NOT_CHECKED;
        }
    }
}
