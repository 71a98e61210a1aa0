package io.vigil.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Alerts posted to intake's webhook by a fixed number of client threads, each on its own keep-alive
 * connection: full batches until all are answered, or single alerts for a given time. A 202 means
 * the alerts are durable ({@code acks=all}), so the clock stops at the last 202.
 */
final class WebhookLoad {

    private final String host;
    private final int port;
    private final String apiKey;

    WebhookLoad(String host, int port, String apiKey) {
        this.host = host;
        this.port = port;
        this.apiKey = apiKey;
    }

    /** {@code batches} batches of {@code batchSize} alerts, shared out among {@code clients} connections. */
    ClientThreads.Outcome batches(String marker, int batches, int batchSize, int clients) throws InterruptedException {
        List<byte[]> bodies = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            bodies.add(WebhookAlerts.batch(marker, (long) b * batchSize, batchSize));
        }
        AtomicInteger next = new AtomicInteger();
        return run("/api/v1/alerts/batch", clients, Long.MAX_VALUE, () -> {
            int b = next.getAndIncrement();
            return b < batches ? bodies.get(b) : null;
        });
    }

    /** Single alerts from {@code concurrency} connections for {@code duration}. */
    ClientThreads.Outcome singles(String marker, Duration duration, int concurrency) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        return run("/api/v1/alerts", concurrency, duration.toNanos(),
                () -> WebhookAlerts.alert(marker, sequence.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
    }

    /** Bodies come from {@code bodies} until it gives null. */
    private ClientThreads.Outcome run(String path, int threads, long forNanos, Supplier<byte[]> bodies)
            throws InterruptedException {
        byte[] head = HttpConnection.head(host, port, path, apiKey);
        List<HttpConnection> connections = new CopyOnWriteArrayList<>();
        try {
            return ClientThreads.run(threads, forNanos, t -> {
                HttpConnection connection = new HttpConnection(host, port);
                connections.add(connection);
                return () -> {
                    byte[] body = bodies.get();
                    if (body == null) {
                        return ClientThreads.DONE;
                    }
                    try {
                        return connection.post(head, body);
                    } catch (IOException e) {
                        return -1;
                    }
                };
            });
        } finally {
            connections.forEach(HttpConnection::close);
        }
    }
}
