package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.stack.DemoRealm;
import io.vigil.stack.ServiceFleet;
import io.vigil.testing.VigilStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four services, each started from its Quarkus build as its own process on the real stack, and
 * what the scenarios ask of them through their public interfaces: the webhook and the REST APIs.
 */
final class Fleet implements AutoCloseable {

    static final String NORTH_KEY = DemoRealm.NORTH_APPLIANCE_KEY;
    static final String SOUTH_KEY = DemoRealm.SOUTH_APPLIANCE_KEY;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServiceFleet fleet;

    private Fleet(ServiceFleet fleet) {
        this.fleet = fleet;
    }

    /** Starts the services with {@code overrides} on top of the configuration each is given. */
    static Fleet start(Map<String, String> overrides) {
        return new Fleet(ServiceFleet.start(VigilStack.endpoints(), VigilStack.buildRoot(),
                VigilStack.stateDir().resolve("system-tests"), overrides));
    }

    String url(String service) {
        return fleet.url(service);
    }

    /** Posts one alert to intake's webhook as the appliance of {@code key}. */
    HttpResponse<String> postAlert(String key, String eventId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("intake") + "/api/v1/alerts"))
                .header("Content-Type", "application/json").header("X-Vigil-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(alertJson(eventId, eventId))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A blocked gambling alert whose user name carries {@code user}. */
    static String alertJson(String eventId, String user) {
        return """
                {"eventId": "%s", "occurredAt": "%s", "category": "Gambling", "action": "blocked",
                 "user": "pupil-e2e-%s", "url": "https://www.example-casino.test/play?q=x", "vendorSeverity": 3}
                """.formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS), user);
    }

    HttpResponse<String> get(String service, String path, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url(service) + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String service, String path, String key, String body) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(service) + path)).header("Content-Type",
                "application/json").header("X-Vigil-Api-Key", key).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The incident ids triage holds for the alert whose user name carries {@code eventId}. */
    List<String> incidentIdsFor(String eventId, String token) {
        String body = get("triage", "/api/v1/incidents?size=500&order=newest", token).body();
        Matcher matcher = Pattern.compile("\\{[^{}]*\"id\":\"([0-9a-f-]{36})\"[^{}]*\"subjectRef\":\"pupil-e2e-"
                + Pattern.quote(eventId) + "\"").matcher(body);
        List<String> ids = new ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Nobody is told of a silenced incident: a silence left active on the demo appliance would hide the e-mail. */
    void assertNotSilenced(String incidentId, String token) {
        assertThat(get("triage", "/api/v1/incidents/" + incidentId, token).body())
                .as("incident %s must not fall under a silence", incidentId).contains("\"silenceId\":null");
    }

    @Override
    public void close() {
        fleet.close();
    }
}
