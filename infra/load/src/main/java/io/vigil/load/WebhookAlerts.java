package io.vigil.load;

import java.nio.charset.StandardCharsets;

/**
 * JSON bodies for the alert webhook: one alert, or a batch of them, each with its own event id and
 * user. The run's marker is in both, so this run's alerts can be told from any other's.
 */
final class WebhookAlerts {

    private WebhookAlerts() {
    }

    static String alert(String marker, long i) {
        return "{\"eventId\":\"" + marker + "-" + i + "\",\"occurredAt\":\"2026-11-23T10:15:00Z\","
                + "\"category\":\"Gambling\",\"action\":\"blocked\",\"user\":\"" + marker + "-u" + i + "\","
                + "\"url\":\"https://casino.example/play\"}";
    }

    /** A batch of alerts {@code from} (inclusive) to {@code from + size} (exclusive). */
    static byte[] batch(String marker, long from, int size) {
        StringBuilder body = new StringBuilder(size * 190 + 16).append("{\"alerts\":[");
        for (int j = 0; j < size; j++) {
            if (j > 0) {
                body.append(',');
            }
            body.append(alert(marker, from + j));
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
