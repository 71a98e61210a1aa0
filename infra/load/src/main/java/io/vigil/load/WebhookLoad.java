package io.vigil.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Alerts posted to intake's webhook by a fixed number of client threads, each on its own keep-alive
 * connection: full batches until all are answered, single alerts for a given time, or single alerts at a
 * fixed rate. A 202 means the alerts are durable ({@code acks=all}), so the clock stops at the last 202.
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

    /** The requests of a run: their bodies one after another, and what to do with each answer. */
    private interface Requests {

        /** The number of the next request, or -1 when there are no more; may wait until it is due. */
        long next() throws InterruptedException;

        byte[] body(long n);

        /** Request {@code n} was sent at {@code sentNanos} and answered {@code status} at {@code answeredNanos}. */
        default void answered(long n, int status, long sentNanos, long answeredNanos) {
        }
    }

    /** {@code batches} batches of {@code batchSize} alerts, shared out among {@code clients} connections. */
    ClientThreads.Outcome batches(String marker, int batches, int batchSize, int clients) throws InterruptedException {
        return batches(marker, batches, batchSize, clients, 1);
    }

    /** As {@link #batches(String, int, int, int)}, with {@code alertsPerUser} alerts about each user. */
    ClientThreads.Outcome batches(String marker, int batches, int batchSize, int clients, int alertsPerUser)
            throws InterruptedException {
        List<byte[]> bodies = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            bodies.add(WebhookAlerts.batch(marker, (long) b * batchSize, batchSize, alertsPerUser));
        }
        AtomicInteger next = new AtomicInteger();
        return run("/api/v1/alerts/batch", clients, Long.MAX_VALUE, new Requests() {
            @Override
            public long next() {
                int b = next.getAndIncrement();
                return b < batches ? b : -1;
            }

            @Override
            public byte[] body(long n) {
                return bodies.get((int) n);
            }
        });
    }

    /** Single alerts from {@code concurrency} connections for {@code duration}. */
    ClientThreads.Outcome singles(String marker, Duration duration, int concurrency) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        return run("/api/v1/alerts", concurrency, duration.toNanos(), new Requests() {
            @Override
            public long next() {
                return sequence.getAndIncrement();
            }

            @Override
            public byte[] body(long n) {
                return WebhookAlerts.alert(marker, n).getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    /**
     * What a run at a fixed rate did, alert by alert (alert {@code i} at index {@code i}).
     *
     * @param outcome the answers; its latencies include the wait for each alert's moment, so are not used
     * @param startMicros wall-clock time of the schedule's start, in microseconds since the epoch
     * @param acceptedAtMicros wall-clock time of each alert's 202 in microseconds since the epoch, 0 if none
     * @param requestNanos each alert's request, sent to answered
     * @param lateNanos how long after its moment on the schedule each alert was sent
     */
    record Paced(ClientThreads.Outcome outcome, long startMicros, long[] acceptedAtMicros, long[] requestNanos,
            long[] lateNanos) {

        int alerts() {
            return acceptedAtMicros.length;
        }
    }

    /**
     * Single alerts at {@code perSecond} for {@code duration}: alert {@code i} is due {@code i / perSecond}
     * seconds after the start and is sent from then on by the first of {@code connections} connections
     * that is free. Alert {@code i} is about user {@code i / alertsPerUser}, so the first alert about a
     * user opens an incident and the others join it.
     */
    Paced paced(String marker, int perSecond, Duration duration, int connections, int alertsPerUser)
            throws InterruptedException {
        int total = (int) (duration.toMillis() * perSecond / 1000);
        long[] acceptedAt = new long[total];
        long[] requestNanos = new long[total];
        long[] lateNanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        double interval = 1e9 / perSecond;
        long startNanos = System.nanoTime();
        long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        ClientThreads.Outcome outcome = run("/api/v1/alerts", connections, Long.MAX_VALUE, new Requests() {
            @Override
            public long next() throws InterruptedException {
                int i = next.getAndIncrement();
                if (i >= total) {
                    return -1;
                }
                long due = startNanos + (long) (i * interval);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                return i;
            }

            @Override
            public byte[] body(long n) {
                return WebhookAlerts.alert(marker, n, WebhookAlerts.user(marker, n / alertsPerUser))
                        .getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void answered(long n, int status, long sentNanos, long answeredNanos) {
                int i = (int) n;
                lateNanos[i] = Math.max(0, sentNanos - (startNanos + (long) (i * interval)));
                requestNanos[i] = answeredNanos - sentNanos;
                if (status == ClientThreads.ACCEPTED) {
                    acceptedAt[i] = startMicros + (answeredNanos - startNanos) / 1_000;
                }
            }
        });
        return new Paced(outcome, startMicros, acceptedAt, requestNanos, lateNanos);
    }

    private ClientThreads.Outcome run(String path, int threads, long forNanos, Requests requests)
            throws InterruptedException {
        byte[] head = HttpConnection.head(host, port, path, apiKey);
        List<HttpConnection> connections = new CopyOnWriteArrayList<>();
        try {
            return ClientThreads.run(threads, forNanos, t -> {
                HttpConnection connection = new HttpConnection(host, port);
                connections.add(connection);
                return () -> {
                    long n = requests.next();
                    if (n < 0) {
                        return ClientThreads.DONE;
                    }
                    byte[] body = requests.body(n);
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = connection.post(head, body);
                    } catch (IOException e) {
                        status = -1;
                    }
                    requests.answered(n, status, sent, System.nanoTime());
                    return status;
                };
            });
        } finally {
            connections.forEach(HttpConnection::close);
        }
    }
}
