package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theConfigurationSendsEveryAlertToTheWebhookGroupedByUser() {
        String config = AlertmanagerBaseline.config("http://127.0.0.1:41234/notify");

        assertThat(config.lines().map(String::strip).toList()).containsSubsequence(
                "route:", "receiver: load-webhook", "group_by: ['user']", "group_wait: 100ms", "group_interval: 1s",
                "repeat_interval: 24h", "receivers:", "- name: load-webhook", "webhook_configs:",
                "- url: http://127.0.0.1:41234/notify", "send_resolved: false");
        // YAML: indentation only with spaces, and the receiver nested under its route's name.
        assertThat(config).doesNotContain("\t").contains("\n  - name: load-webhook\n    webhook_configs:\n");
    }

    @Test
    void alertsAreGroupedByUserAndEachHasAnIdOfItsOwn() throws IOException {
        Instant startsAt = Instant.parse("2026-11-23T10:15:00.123456Z");
        JsonNode alerts = JSON.readTree(AlertmanagerBaseline.alerts("Lm1", 9, 3, 5, startsAt));

        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts).hasSize(3);
        List<String> users = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            JsonNode labels = alerts.get(j).path("labels");
            assertThat(labels.path("alertname").asText()).isEqualTo("FilteringBlock");
            assertThat(labels.path("category").asText()).isEqualTo("gambling");
            assertThat(labels.path("school").asText()).isEqualTo("north-primary");
            assertThat(labels.path("id").asText()).isEqualTo("Lm1-" + (9 + j));
            assertThat(alerts.get(j).path("annotations").path("host").asText()).isEqualTo("casino.example");
            assertThat(alerts.get(j).path("startsAt").asText()).isEqualTo("2026-11-23T10:15:00.123Z");
            users.add(labels.path("user").asText());
        }
        // Five alerts a user: alert 9 is the second user's last, 10 and 11 the third user's first.
        assertThat(users).containsExactly("Lm1-u1", "Lm1-u2", "Lm1-u2");
    }

    @Test
    void aNotificationGivesTheIdsOfItsAlerts() throws IOException {
        String notification = """
                {"receiver":"load-webhook","status":"firing","alerts":[
                  {"status":"firing","labels":{"alertname":"FilteringBlock","id":"Lab-7","user":"Lab-u1"},
                   "annotations":{"host":"casino.example"},"startsAt":"2026-11-23T10:15:00Z",
                   "endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"0f1e2d3c4b5a6978"},
                  {"status":"firing","labels":{"alertname":"FilteringBlock","user":"Lab-u1"},"annotations":{}},
                  {"status":"firing","labels":{"alertname":"FilteringBlock","id":"Lab-5","user":"Lab-u1"},
                   "annotations":{}}],
                 "groupLabels":{"user":"Lab-u1"},"commonLabels":{"alertname":"FilteringBlock","user":"Lab-u1"},
                 "commonAnnotations":{},"externalURL":"http://localhost:9093","version":"4",
                 "groupKey":"{}:{user=\\"Lab-u1\\"}","truncatedAlerts":0}
                """;

        assertThat(AlertmanagerBaseline.alertIds(notification.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("Lab-7", "Lab-5");
        assertThat(AlertmanagerBaseline.alertIds("{\"status\":\"firing\"}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThatThrownBy(() -> AlertmanagerBaseline.alertIds("{\"alerts\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void onlyTheTemplateDirectoryIsMadeRelativeAndNothingMoves() {
        byte[] binary = ("\0ui=/usr/share/prometheus/alertmanager/ui/\0dir=/usr/share/prometheus/alertmanager"
                + "3552\0/usr/share/prometheus/alertmanager/no-ui\0").getBytes(StandardCharsets.US_ASCII);

        byte[] relocated = AlertmanagerBinary.relocateTemplates(binary);

        assertThat(relocated).hasSameSizeAs(binary);
        assertThat(new String(relocated, StandardCharsets.US_ASCII)).isEqualTo(
                "\0ui=/usr/share/prometheus/alertmanager/ui/\0dir=usr/share/prometheus/alertmanager/"
                        + "3552\0/usr/share/prometheus/alertmanager/no-ui\0");
    }

    @Test
    void anotherBuildIsRefusedRatherThanPatchedBlindly() {
        assertThatThrownBy(() -> AlertmanagerBinary.relocateTemplates(
                "/usr/share/prometheus/alertmanager/ui/".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("does not name");
        assertThatThrownBy(() -> AlertmanagerBinary.relocateTemplates(
                "/usr/share/prometheus/alertmanager\0/usr/share/prometheus/alertmanager"
                        .getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("more than once");
    }

    @Test
    void aRequestHeadWithoutCredentialHasNoEmptyHeader() {
        String head = new String(HttpConnection.head("127.0.0.1", 9093, "/api/v2/alerts"), StandardCharsets.US_ASCII);

        assertThat(head).isEqualTo("POST /api/v2/alerts HTTP/1.1\r\nHost: 127.0.0.1:9093\r\n"
                + "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: ");
        assertThat(new String(HttpConnection.head("h", 1, "/p", "k"), StandardCharsets.US_ASCII))
                .contains("\r\nX-Vigil-Api-Key: k\r\nContent-Length: ");
    }
}
