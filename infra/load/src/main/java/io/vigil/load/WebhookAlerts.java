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
        return alert(marker, i, user(marker, i));
    }

    /** Alert {@code i} of the run, about {@code user}: alerts about one user correlate into one incident. */
    static String alert(String marker, long i, String user) {
        return "{\"eventId\":\"" + marker + "-" + i + "\",\"occurredAt\":\"2026-11-23T10:15:00Z\","
                + "\"category\":\"Gambling\",\"action\":\"blocked\",\"user\":\"" + user + "\","
                + "\"url\":\"https://casino.example/play\"}";
    }

    /** The user name of the run's {@code n}-th user. */
    static String user(String marker, long n) {
        return marker + "-u" + n;
    }

    /** A batch of alerts {@code from} (inclusive) to {@code from + size} (exclusive), each about its own user. */
    static byte[] batch(String marker, long from, int size) {
        return batch(marker, from, size, 1);
    }

    /**
     * A batch of alerts {@code from} (inclusive) to {@code from + size} (exclusive); alert {@code i} is about
     * user {@code i / alertsPerUser}, so the alerts about one user make one incident.
     */
    static byte[] batch(String marker, long from, int size, int alertsPerUser) {
        StringBuilder body = new StringBuilder(size * 190 + 16).append("{\"alerts\":[");
        for (int j = 0; j < size; j++) {
            if (j > 0) {
                body.append(',');
            }
            long i = from + j;
            body.append(alert(marker, i, user(marker, i / alertsPerUser)));
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
