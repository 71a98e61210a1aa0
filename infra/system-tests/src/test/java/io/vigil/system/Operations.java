package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testing.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operational scenarios ask of the running services, through their public interfaces only:
 * appliance registration and the three ways alerts arrive at intake (webhook, syslog over TCP, a
 * Smoothwall CSV report), the case workflow and the school's notification settings, each called
 * with a real token of the demo realm.
 */
final class Operations {

    static final String TRUST_ADMIN = "north.trust-admin";
    static final String NORTH = "north-primary";
    static final String SOUTH = "south-academy";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TOKEN_LIFE = Duration.ofSeconds(60);

    private final Fleet fleet;
    private final Map<String, Map.Entry<Instant, String>> tokens = new ConcurrentHashMap<>();

    Operations(Fleet fleet) {
        this.fleet = fleet;
    }

    /** An appliance registered for a test alone, and its API key (shown once by intake). */
    record Appliance(String id, String key, String name) {
    }

    /** A demo user's token, fetched again once a minute old. */
    String token(String user) {
        Map.Entry<Instant, String> held = tokens.get(user);
        if (held == null || held.getKey().isBefore(Instant.now().minus(TOKEN_LIFE))) {
            held = Map.entry(Instant.now(), Tokens.password(user));
            tokens.put(user, held);
        }
        return held.getValue();
    }

    HttpResponse<String> get(String service, String path, String user) {
        return fleet.get(service, path, token(user));
    }

    HttpResponse<byte[]> getBytes(String service, String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(fleet.url(service) + path))
                .header("Authorization", "Bearer " + token(user)).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A JSON request with {@code method} as {@code user}. */
    HttpResponse<String> call(String method, String service, String path, String user, String json) {
        return send(HttpRequest.newBuilder(URI.create(fleet.url(service) + path))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 2xx answer as JSON; anything else fails with the answer. */
    JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(),
                response.body()).isBetween(200, 299);
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    Appliance registerAppliance(String schoolId, String vendor, String kind, String name, int heartbeatMinutes) {
        JsonNode issued = ok(call("POST", "intake", "/api/v1/appliances", TRUST_ADMIN, """
                {"schoolId": "%s", "vendor": "%s", "kind": "%s", "name": "%s", "expectedHeartbeatMinutes": %d}
                """.formatted(schoolId, vendor, kind, name, heartbeatMinutes)));
        return new Appliance(issued.path("appliance").path("id").asText(), issued.path("apiKey").asText(), name);
    }

    /** Binds syslog from {@code address} (a loopback address of its own) to the appliance. */
    void syslogFrom(Appliance appliance, String address) {
        ok(call("PUT", "intake", "/api/v1/appliances/" + appliance.id() + "/syslog-sources", TRUST_ADMIN,
                "{\"sources\": [\"" + address + "\"]}"));
    }

    HttpResponse<String> heartbeat(Appliance appliance) {
        return send(HttpRequest.newBuilder(URI.create(fleet.url("intake") + "/api/v1/heartbeat"))
                .header("X-Vigil-Api-Key", appliance.key()).POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One alert through the webhook about {@code user}, as the appliance of {@code key}. */
    HttpResponse<String> alert(String key, String eventId, String category, String user, int vendorSeverity) {
        String body = """
                {"eventId": "%s", "occurredAt": "%s", "category": "%s", "action": "blocked",
                 "user": "%s", "url": "https://www.%s.example.test/page?q=secret", "vendorSeverity": %d}
                """.formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS), category, user, user,
                vendorSeverity);
        return send(HttpRequest.newBuilder(URI.create(fleet.url("intake") + "/api/v1/alerts"))
                .header("Content-Type", "application/json").header("X-Vigil-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a Smoothwall report export for the appliance, as a trust administrator. */
    HttpResponse<String> uploadCsv(Appliance appliance, String csv) {
        return send(HttpRequest.newBuilder(URI.create(fleet.url("intake") + "/api/v1/appliances/" + appliance.id()
                + "/report-uploads")).header("Authorization", "Bearer " + token(TRUST_ADMIN))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the lines over one TCP connection from {@code localAddress} to intake's syslog port. */
    static void syslogTcp(String localAddress, String... lines) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("VIGIL_SYSLOG_PORT", "5140"));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    /** The incident whose subject is {@code user}, as {@code viewer} finds it in the inbox, once there. */
    JsonNode awaitIncident(String user, String viewer) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> incidentAbout(user, viewer), Optional::isPresent).orElseThrow();
    }

    Optional<JsonNode> incidentAbout(String user, String viewer) {
        for (JsonNode incident : ok(get("triage", "/api/v1/incidents?size=500&order=newest", viewer))) {
            if (user.equals(incident.path("subjectRef").asText())) {
                return Optional.of(incident);
            }
        }
        return Optional.empty();
    }

    JsonNode incident(String id, String viewer) {
        return ok(get("triage", "/api/v1/incidents/" + id, viewer));
    }

    /** Acknowledges and closes the case with {@code outcome}, as {@code user}. */
    void acknowledgeAndClose(String incidentId, String user, String outcome, String summary) {
        ok(call("POST", "triage", "/api/v1/incidents/" + incidentId + "/acknowledge", user, null));
        ok(call("POST", "triage", "/api/v1/incidents/" + incidentId + "/close", user,
                "{\"outcome\": \"" + outcome + "\", \"summary\": \"" + summary + "\"}"));
    }

    /** The academic year {@code date} falls in, as reporting names periods: 1 September to 31 August. */
    static String academicYear(LocalDate date) {
        int start = date.getMonthValue() >= 9 ? date.getYear() : date.getYear() - 1;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    /**
     * A school calendar under which the school day starts {@code lead} after {@code now}, on a school day:
     * a fixed-offset zone ({@code Etc/GMT…}, named the same in Java and PostgreSQL) where the start falls
     * on a weekday, no holidays, and a day of an hour. Empty when no offset from UTC−12 to UTC+14 puts it on
     * a weekday (for about a day each weekend).
     */
    static Optional<SchoolDay> schoolDayStarting(Instant now, Duration lead) {
        Instant start = now.plus(lead).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        for (int distance = 0; distance <= 14; distance++) {
            for (int hours : distance == 0 ? new int[] {0} : new int[] {distance, -distance}) {
                if (hours < -12 || hours > 14) {
                    continue;
                }
                // Etc/GMT-2 is two hours ahead of UTC (POSIX signs), in Java and in PostgreSQL alike.
                ZoneId zone = ZoneId.of(hours == 0 ? "Etc/UTC" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours));
                ZonedDateTime local = start.atZone(zone);
                DayOfWeek day = local.getDayOfWeek();
                LocalTime time = local.toLocalTime();
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && time.isAfter(LocalTime.of(0, 30))
                        && time.isBefore(LocalTime.of(22, 0))) {
                    return Optional.of(new SchoolDay(zone, start, time, time.plusHours(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** A school day of the calendar every service is started with. */
    record SchoolDay(ZoneId zone, Instant startsAt, LocalTime dayStart, LocalTime dayEnd) {

        Map<String, String> configuration() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("vigil.calendar.zone", zone.getId());
            config.put("vigil.calendar.day-start", dayStart.toString());
            config.put("vigil.calendar.day-end", dayEnd.toString());
            config.put("vigil.calendar.bank-holidays", "none");
            config.put("vigil.calendar.term-holidays", "none");
            return config;
        }
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
