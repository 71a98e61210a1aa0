package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testing.Mailbox;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final String NORTH_KEY = Fleet.NORTH_KEY;
    private static final String SOUTH_KEY = Fleet.SOUTH_KEY;
    private static Fleet services;

    @BeforeAll
    static void startServices() {
        services = Fleet.start(Map.of());
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
        HttpResponse<String> accepted = services.postAlert(NORTH_KEY, eventId);
        assertThat(accepted.statusCode()).isEqualTo(202);

        String northDsl = "north.dsl@demo.vigil.test";
        // The incident first (one cheap query), then its e-mail: the build's shared mailbox holds many others.
        String incidentId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> services.incidentIdsFor(eventId, Tokens.password("north.dsl")).stream().findFirst().orElse(null),
                id -> id != null);
        services.assertNotSilenced(incidentId, Tokens.password("north.dsl"));
        Mailbox.ReceivedMail mail = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(
                () -> Mailbox.messagesFor(northDsl, incidentId).stream().findFirst()
                        .orElse(null), m -> m != null);
        assertThat(mail.subject()).contains("North Primary");
        assertThat(mail.body()).doesNotContain("pupil-e2e").doesNotContain("casino").doesNotContain("/play");

        // Only North's DSL was told: South's mailbox stays without it for a while after North's arrived.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                Mailbox.messagesFor("south.dsl@demo.vigil.test", incidentId).isEmpty());

        String northToken = Tokens.password("north.dsl");
        String southToken = Tokens.password("south.dsl");
        assertThat(services.get("triage", "/api/v1/incidents/" + incidentId, northToken).statusCode()).isEqualTo(200);
        assertThat(services.get("triage", "/api/v1/incidents/" + incidentId, southToken).statusCode()).isEqualTo(404);
        assertThat(services.get("triage", "/api/v1/incidents?size=500&order=newest", southToken).body()).doesNotContain(incidentId);

        await().atMost(Duration.ofSeconds(30)).until(
                () -> services.get("reporting", "/api/v1/register/incidents?size=500", northToken).body().contains(incidentId));
        assertThat(services.get("reporting", "/api/v1/register/incidents?size=500", southToken).body()).doesNotContain(incidentId);
    }

    @Test
    void theSameAlertPostedTwiceMakesOneIncidentAndOneEmail() throws Exception {
        String eventId = "e2e-dup-" + UUID.randomUUID();
        assertThat(services.postAlert(SOUTH_KEY, eventId).statusCode()).isEqualTo(202);
        assertThat(services.postAlert(SOUTH_KEY, eventId).statusCode()).isEqualTo(202);
        String southDsl = "south.dsl@demo.vigil.test";
        String southToken = Tokens.password("south.dsl");

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(southDsl, eventId, southToken).size() >= 1);
        // A later alert for the same school is consumed by triage after the duplicate (same partition).
        String later = "e2e-later-" + UUID.randomUUID();
        assertThat(services.postAlert(SOUTH_KEY, later).statusCode()).isEqualTo(202);
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
            body.append(i == 0 ? "" : ",").append(Fleet.alertJson(burst + "-" + i, burst));
        }
        HttpResponse<String> accepted = services.post("intake", "/api/v1/alerts/batch", NORTH_KEY,
                body.append("]}").toString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"accepted\":500");

        String northToken = Tokens.password("north.dsl");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> services.incidentIdsFor(burst, northToken).size() == 1
                        && services.get("triage", "/api/v1/incidents/" + services.incidentIdsFor(burst, northToken).get(0),
                                northToken)
                                .body().contains("\"alertCount\":500"));
        String incidentId = services.incidentIdsFor(burst, northToken).get(0);
        services.assertNotSilenced(incidentId, northToken);
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

    private static long incidentsFor(String eventId, String token) {
        return services.incidentIdsFor(eventId, token).size();
    }

    /**
     * Every metric the shipped alert rules and Grafana dashboard read is one a running service exposes,
     * so a renamed metric cannot silently blind them.
     */
    @Test
    void theMetricsTheAlertRulesAndTheDashboardReadAreExposed() throws Exception {
        String eventId = "e2e-metrics-" + UUID.randomUUID();
        assertThat(services.postAlert(NORTH_KEY, eventId).statusCode()).isEqualTo(202);
        StringBuilder scraped = new StringBuilder();
        for (String service : List.of("intake", "triage", "notification", "reporting")) {
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(services.url(service) + "/q/metrics"))
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

    private static List<Mailbox.ReceivedMail> mailsAbout(String address, String eventId, String token) {
        List<String> incidents = services.incidentIdsFor(eventId, token);
        return Mailbox.messagesFor(address).stream()
                .filter(m -> incidents.stream().anyMatch(id -> m.body().contains(id))).toList();
    }

    private static long mailsWith(String address, String incidentId) {
        return Mailbox.messagesFor(address, incidentId).size();
    }
}
