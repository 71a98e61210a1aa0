package io.vigil.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a running stack can be reached. It travels between processes as a {@code .properties} file,
 * so the test module reads it with nothing but the JDK: this class must never depend on anything else.
 *
 * @param kafkaBootstrap {@code host:port} of the Kafka listener
 * @param postgresHost   PostgreSQL host
 * @param postgresPort   PostgreSQL port
 * @param keycloakUrl    Keycloak base URL, without a trailing slash
 * @param smtpHost       host of both the SMTP and the IMAP server
 * @param smtpPort       SMTP port
 * @param imapPort       IMAP port
 * @param mailWebUrl     page listing delivered mail
 * @param serviceUrls    base URL of each running service by name; empty when only the infrastructure runs
 */
public record Endpoints(
        String kafkaBootstrap,
        String postgresHost,
        int postgresPort,
        String keycloakUrl,
        String smtpHost,
        int smtpPort,
        int imapPort,
        String mailWebUrl,
        Map<String, String> serviceUrls) {

    public static final String REALM = "vigil";
    /**
     * The superuser of the stack's PostgreSQL (trust authentication, loopback only). Services never use
     * it; a test does, to change what a service's own role may not (e.g. tamper with an append-only table).
     */
    public static final String POSTGRES_SUPERUSER = "postgres";
    public static final String FILE_NAME = "endpoints.properties";

    private static final String SERVICE_PREFIX = "service.";
    private static final String SERVICE_SUFFIX = ".url";

    public Endpoints {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(postgresHost, "postgresHost");
        Objects.requireNonNull(keycloakUrl, "keycloakUrl");
        Objects.requireNonNull(smtpHost, "smtpHost");
        Objects.requireNonNull(mailWebUrl, "mailWebUrl");
        serviceUrls = Map.copyOf(serviceUrls == null ? Map.of() : serviceUrls);
    }

    /** Issuer and OIDC discovery base of the Vigil realm. */
    public String keycloakRealmUrl() {
        return keycloakUrl + "/realms/" + REALM;
    }

    /** OAuth 2.0 token endpoint of the Vigil realm. */
    public String tokenUrl() {
        return keycloakRealmUrl() + "/protocol/openid-connect/token";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** Base URL of a running service, e.g. {@code serviceUrl("triage")}. */
    public String serviceUrl(String service) {
        String url = serviceUrls.get(service);
        if (url == null) {
            throw new IllegalStateException("Service '" + service + "' is not part of this stack (known: "
                    + serviceUrls.keySet() + ")");
        }
        return url;
    }

    public Endpoints withServiceUrls(Map<String, String> urls) {
        return new Endpoints(kafkaBootstrap, postgresHost, postgresPort, keycloakUrl, smtpHost, smtpPort, imapPort,
                mailWebUrl, urls);
    }

    /**
     * The configuration a Vigil service needs to run against this stack. Each service owns one database,
     * reached by a login role of the same name whose password is also that name: a local-development
     * default that never leaves this machine.
     */
    public Map<String, String> quarkusConfig(String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrap);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", database);
        config.put("quarkus.datasource.password", database);
        config.put("quarkus.oidc.auth-server-url", keycloakRealmUrl());
        config.put("quarkus.mailer.host", smtpHost);
        config.put("quarkus.mailer.port", Integer.toString(smtpPort));
        config.put("quarkus.mailer.mock", "false");
        // Dev Services would try to start containers; there is no container engine to ask.
        config.put("quarkus.devservices.enabled", "false");
        config.put("vigil.demo-data", "true");
        return config;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap", kafkaBootstrap);
        p.setProperty("postgres.host", postgresHost);
        p.setProperty("postgres.port", Integer.toString(postgresPort));
        p.setProperty("keycloak.url", keycloakUrl);
        p.setProperty("keycloak.realm-url", keycloakRealmUrl());
        p.setProperty("smtp.host", smtpHost);
        p.setProperty("smtp.port", Integer.toString(smtpPort));
        p.setProperty("imap.port", Integer.toString(imapPort));
        p.setProperty("mail.web-url", mailWebUrl);
        serviceUrls.forEach((name, url) -> p.setProperty(SERVICE_PREFIX + name + SERVICE_SUFFIX, url));
        return p;
    }

    public static Endpoints fromProperties(Properties p) {
        Map<String, String> services = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(SERVICE_PREFIX) && key.endsWith(SERVICE_SUFFIX)) {
                services.put(key.substring(SERVICE_PREFIX.length(), key.length() - SERVICE_SUFFIX.length()),
                        p.getProperty(key));
            }
        }
        return new Endpoints(
                required(p, "kafka.bootstrap"),
                required(p, "postgres.host"),
                Integer.parseInt(required(p, "postgres.port")),
                required(p, "keycloak.url"),
                required(p, "smtp.host"),
                Integer.parseInt(required(p, "smtp.port")),
                Integer.parseInt(required(p, "imap.port")),
                required(p, "mail.web-url"),
                services);
    }

    /**
     * Writes the file so that a reader polling for it never sees it half-written: readers treat its
     * existence as "the stack is ready".
     */
    public void writeTo(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                toProperties().store(w, "Vigil local stack endpoints");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public static Endpoints readFrom(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return fromProperties(p);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Endpoints file lacks '" + key + "'");
        }
        return value;
    }
}
