package io.vigil.load;

import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling intake is measured against: a plain producer loop with the settings of intake's own
 * producer ({@code EventProducer}: {@code acks=all}, idempotent, 5 in flight, linger 5 ms), sending
 * records of the size of a real {@code AlertReceived} event under the same key to a fresh topic with
 * as many partitions as {@code vigil.alerts.v1}, timed until the broker acknowledged the last.
 */
final class RawKafkaBaseline implements AutoCloseable {

    private static final byte[] CONTENT_TYPE = CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;

    RawKafkaBaseline(String bootstrap) {
        this.bootstrap = bootstrap;
        producer = intakeLikeProducer(bootstrap, "load-raw-baseline");
    }

    /**
     * A producer with the settings of intake's own ({@code EventProducer}: {@code acks=all}, idempotent,
     * 5 in flight, linger 5 ms).
     */
    static KafkaProducer<String, String> intakeLikeProducer(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // intake's producer gives up after 5 s; a loop that outruns the broker may wait longer for buffer space.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** A record as intake sends it: the school id as key and the structured CloudEvent content type. */
    static ProducerRecord<String, String> record(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("content-type", CONTENT_TYPE);
        return record;
    }

    /** Creates {@code topic} like {@code vigil.alerts.v1} (same partitions, one replica) and fetches its metadata. */
    void createTopic(String topic) throws Exception {
        int partitions = Topics.all().stream().filter(t -> t.name().equals(Topics.ALERTS)).findFirst().orElseThrow()
                .partitions();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        // A new partition takes a moment to get its leader; one acknowledged record each shows it has one.
        for (int p = 0; p < partitions; p++) {
            producer.send(new ProducerRecord<>(topic, p, "ready", "ready")).get(60, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code count} records and answers the seconds from the first send to the last acknowledgement. */
    double send(String topic, String key, String value, int count) throws InterruptedException {
        CountDownLatch acknowledged = new CountDownLatch(count);
        AtomicLong lastAckNanos = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            producer.send(record(topic, key, value), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
                acknowledged.countDown();
            });
        }
        if (!acknowledged.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(acknowledged.getCount() + " of " + count + " records not acknowledged");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The broker refused a record", failure.get());
        }
        return (lastAckNanos.get() - start) / 1e9;
    }

    /**
     * {@code concurrency} threads sharing the producer, each sending one record and waiting for its
     * acknowledgement before the next, for {@code duration}: what the single-alert webhook does per
     * request, without HTTP, JSON or the database. Answers the round trips as a webhook outcome.
     */
    ClientThreads.Outcome roundTrips(String topic, String key, String value, java.time.Duration duration,
            int concurrency) throws InterruptedException {
        return ClientThreads.run(concurrency, duration.toNanos(), t -> () -> {
            try {
                producer.send(record(topic, key, value)).get(30, TimeUnit.SECONDS);
                return ClientThreads.ACCEPTED;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return -1;
            }
        });
    }

    @Override
    public void close() {
        producer.close();
    }
}
