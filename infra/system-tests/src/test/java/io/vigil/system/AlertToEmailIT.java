package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.stack.Endpoints;
import io.vigil.testing.Mailbox;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One alert end to end with every service in its own process on the real stack, driven only
 * through public interfaces: the webhook, the SMTP mailbox (over IMAP) and the REST APIs.
 */
class AlertToEmailIT {

    private static final String NORTH_KEY = "local-dev-north-appliance-key-change-me";
    private static final String SOUTH_KEY = "local-dev-south-appliance-key-change-me";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningServices services;

    @BeforeAll
    static void startServices() {
        services = RunningServices.start(VigilStack.endpoints());
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aNorthAlertReachesNorthsDslOnlyAndIsVisibleOnlyToNorth() throws Exception {
        String eventId = "e2e-" + UUID.randomUUID();
        HttpResponse<String> accepted = postAlert(NORTH_KEY, eventId);
        assertThat(accepted.statusCode()).isEqualTo(202);

        String northDsl = "north.dsl@demo.vigil.test";
        // The incident first (one cheap query), then its e-mail: the build's shared mailbox holds many others.
        String incidentId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> incidentIdsFor(eventId, Tokens.password("north.dsl")).stream().findFirst().orElse(null),
                id -> id != null);
        assertNotSilenced(incidentId, Tokens.password("north.dsl"));
        Mailbox.ReceivedMail mail = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(
                () -> Mailbox.messagesFor(northDsl).stream().filter(m -> m.body().contains(incidentId)).findFirst()
                        .orElse(null), m -> m != null);
        assertThat(mail.subject()).contains("North Primary");
        assertThat(mail.body()).doesNotContain("pupil-e2e").doesNotContain("casino").doesNotContain("/play");

        // Only North's DSL was told: South's mailbox stays without it for a while after North's arrived.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                Mailbox.messagesFor("south.dsl@demo.vigil.test").stream().noneMatch(m -> m.body().contains(incidentId)));

        String northToken = Tokens.password("north.dsl");
        String southToken = Tokens.password("south.dsl");
        assertThat(get("triage", "/api/v1/incidents/" + incidentId, northToken).statusCode()).isEqualTo(200);
        assertThat(get("triage", "/api/v1/incidents/" + incidentId, southToken).statusCode()).isEqualTo(404);
        assertThat(get("triage", "/api/v1/incidents?size=500&order=newest", southToken).body()).doesNotContain(incidentId);

        await().atMost(Duration.ofSeconds(30)).until(
                () -> get("reporting", "/api/v1/register/incidents?size=500", northToken).body().contains(incidentId));
        assertThat(get("reporting", "/api/v1/register/incidents?size=500", southToken).body()).doesNotContain(incidentId);
    }

    @Test
    void theSameAlertPostedTwiceMakesOneIncidentAndOneEmail() throws Exception {
        String eventId = "e2e-dup-" + UUID.randomUUID();
        assertThat(postAlert(SOUTH_KEY, eventId).statusCode()).isEqualTo(202);
        assertThat(postAlert(SOUTH_KEY, eventId).statusCode()).isEqualTo(202);
        String southDsl = "south.dsl@demo.vigil.test";
        String southToken = Tokens.password("south.dsl");

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(southDsl, eventId, southToken).size() >= 1);
        // A later alert for the same school is consumed by triage after the duplicate (same partition).
        String later = "e2e-later-" + UUID.randomUUID();
        assertThat(postAlert(SOUTH_KEY, later).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(southDsl, later, southToken).size() == 1);
        // The duplicate was consumed before the later alert (same school, same partition); its e-mail, if any
        // were sent, would follow on another partition, so the count must hold for a while.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsAbout(southDsl, eventId, southToken).size() == 1);
        long incidents = incidentsFor(eventId, southToken);
        assertThat(incidents).isEqualTo(1);
    }

    @Test
    void aBurstOf500RepeatedBlocksIsOneIncidentAndOneEmail() throws Exception {
        String burst = "e2e-burst-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder("{\"alerts\": [");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append(alertJson(burst + "-" + i, burst));
        }
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(services.url("intake")
                + "/api/v1/alerts/batch")).header("Content-Type", "application/json").header("X-Vigil-Api-Key", NORTH_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"accepted\":500");

        String northToken = Tokens.password("north.dsl");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> incidentIdsFor(burst, northToken).size() == 1
                        && get("triage", "/api/v1/incidents/" + incidentIdsFor(burst, northToken).get(0), northToken)
                                .body().contains("\"alertCount\":500"));
        String incidentId = incidentIdsFor(burst, northToken).get(0);
        assertNotSilenced(incidentId, northToken);
        String northDsl = "north.dsl@demo.vigil.test";
        // The build's shared mailbox holds many other messages: poll it slowly.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3))
                .until(() -> mailsWith(northDsl, incidentId) >= 1);
        // Every alert of the burst has been counted into the incident, so any further e-mail would already be on its way.
        long mails = await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(120))
                .until(() -> mailsWith(northDsl, incidentId), count -> count >= 1);
        assertThat(mails).isEqualTo(1);
        assertThat(incidentsFor(burst, northToken)).isEqualTo(1);
    }

    /**
     * Every metric the shipped alert rules and Grafana dashboard read is one a running service exposes,
     * so a renamed metric cannot silently blind them.
     */
    @Test
    void theMetricsTheAlertRulesAndTheDashboardReadAreExposed() throws Exception {
        String eventId = "e2e-metrics-" + UUID.randomUUID();
        assertThat(postAlert(NORTH_KEY, eventId).statusCode()).isEqualTo(202);
        StringBuilder scraped = new StringBuilder();
        for (String service : List.of("intake", "triage", "notification", "reporting")) {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(services.url(service) + "/q/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service + " /q/metrics").isEqualTo(200);
            scraped.append(metrics.body()).append('\n');
        }
        java.nio.file.Path files = VigilStack.buildRoot().resolve("helm/vigil/files");
        Set<String> used = new TreeSet<>();
        for (String file : List.of("prometheus-rules.yaml", "grafana-dashboard.json")) {
            Matcher name = METRIC_NAME.matcher(java.nio.file.Files.readString(files.resolve(file)));
            while (name.find()) {
                // Strimzi's Kafka Exporter, not a service, exposes the brokers' view of topics and groups.
                if (!name.group().startsWith("kafka_topic_") && !name.group().startsWith("kafka_consumergroup_")) {
                    used.add(name.group());
                }
            }
        }
        assertThat(used).as("metrics the rules and dashboard read").contains("vigil_intake_alerts_accepted_total",
                "vigil_outbox_backlog", "vigil_triage_escalations_total", "vigil_notification_failed_total",
                "kafka_consumer_fetch_manager_records_lag_max");
        Set<String> exposed = new TreeSet<>();
        for (String line : scraped.toString().split("\n")) {
            Matcher name = METRIC_NAME.matcher(line);
            if (!line.startsWith("#") && name.lookingAt()) {
                exposed.add(name.group());
            }
        }
        assertThat(exposed).containsAll(used);
    }

    private static final Pattern METRIC_NAME = Pattern.compile("\\b(vigil|kafka|http_server|jvm)_[a-z_]+\\b");

    private static HttpResponse<String> postAlert(String key, String eventId) throws IOException, InterruptedException {
        String body = alertJson(eventId, eventId);
        return HTTP.send(HttpRequest.newBuilder(URI.create(services.url("intake") + "/api/v1/alerts"))
                .header("Content-Type", "application/json").header("X-Vigil-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A blocked gambling alert whose user name carries {@code user}. */
    private static String alertJson(String eventId, String user) {
        return """
                {"eventId": "%s", "occurredAt": "%s", "category": "Gambling", "action": "blocked",
                 "user": "pupil-e2e-%s", "url": "https://www.example-casino.test/play?q=x", "vendorSeverity": 3}
                """.formatted(eventId, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), user);
    }

    private static HttpResponse<String> get(String service, String path, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(services.url(service) + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The incident ids triage holds for the alert whose user name carries {@code eventId}. */
    private static List<String> incidentIdsFor(String eventId, String token) {
        String body = get("triage", "/api/v1/incidents?size=500&order=newest", token).body();
        Matcher matcher = Pattern.compile("\\{[^{}]*\"id\":\"([0-9a-f-]{36})\"[^{}]*\"subjectRef\":\"pupil-e2e-"
                + Pattern.quote(eventId) + "\"").matcher(body);
        List<String> ids = new java.util.ArrayList<>();
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Nobody is told of a silenced incident: a silence left active on the demo appliance would hide the e-mail. */
    private static void assertNotSilenced(String incidentId, String token) {
        assertThat(get("triage", "/api/v1/incidents/" + incidentId, token).body())
                .as("incident %s must not fall under a silence", incidentId).contains("\"silenceId\":null");
    }

    private static long incidentsFor(String eventId, String token) {
        return incidentIdsFor(eventId, token).size();
    }

    private static List<Mailbox.ReceivedMail> mailsAbout(String address, String eventId, String token) {
        List<String> incidents = incidentIdsFor(eventId, token);
        return Mailbox.messagesFor(address).stream()
                .filter(m -> incidents.stream().anyMatch(id -> m.body().contains(id))).toList();
    }

    private static long mailsWith(String address, String incidentId) {
        return Mailbox.messagesFor(address).stream().filter(m -> m.body().contains(incidentId)).count();
    }

    /** The four services, each started from its Quarkus build as its own process. */
    static final class RunningServices implements AutoCloseable {
        private final io.vigil.stack.ServiceFleet fleet;

        private RunningServices(io.vigil.stack.ServiceFleet fleet) {
            this.fleet = fleet;
        }

        static RunningServices start(Endpoints endpoints) {
            return new RunningServices(io.vigil.stack.ServiceFleet.start(endpoints, VigilStack.buildRoot(),
                    VigilStack.stateDir().resolve("system-tests")));
        }

        String url(String service) {
            return fleet.url(service);
        }

        @Override
        public void close() {
            fleet.close();
        }
    }
}
