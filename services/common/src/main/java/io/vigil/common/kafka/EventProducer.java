package io.vigil.common.kafka;

import io.smallrye.common.annotation.Identifier;
import io.vigil.common.tracing.TraceContext;
import io.vigil.contracts.envelope.CloudEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The idempotent Kafka producer every service publishes through ({@code acks=all}), so a record
 * counts as sent only once every in-sync replica has it. Records carry the encoded CloudEvent in
 * structured mode.
 */
@ApplicationScoped
public class EventProducer {

    /**
     * Records sent and not yet acknowledged above which a send may have to wait for buffer space:
     * 4,096 events of a few KiB stay well inside the producer's 32 MiB buffer.
     */
    static final int MAX_IN_FLIGHT_WITHOUT_WAITING = 4_096;

    private final Producer<String, String> producer;
    /** Topics a send was acknowledged on: their partitions are in the producer's metadata. */
    private final Set<String> acknowledgedTopics = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Whether the last send that completed failed: the broker may be away, so sends may wait. */
    private volatile boolean lastSendFailed;

    @Inject
    public EventProducer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        Map<String, Object> config = new HashMap<>();
        // Keeps whatever the deployment configures for the broker (TLS, SASL) and pins the guarantees.
        kafkaConfig.forEach((key, value) -> {
            if (!key.startsWith("mp.messaging") && !key.contains("deserializer")) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-events");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // send() must not block longer than callers wait for the acknowledgement (intake answers 503).
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        // A topic's partitions stay known between quiet spells (the default forgets them after 5
        // idle minutes, and the next send waits for them); they are still refreshed every 5 minutes.
        config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, 24 * 60 * 60 * 1000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    /** Sends an already encoded event; the future completes when the broker acknowledged it. */
    public Future<RecordMetadata> send(String topic, String key, String encodedEvent) {
        return send(topic, key, encodedEvent, null);
    }

    /**
     * {@link #send(String, String, String)} with the event's trace context (already in its envelope)
     * as the record's headers too, for tools that read Kafka headers; null: none.
     */
    public Future<RecordMetadata> send(String topic, String key, String encodedEvent, TraceContext trace) {
        Callback completed = tracked(topic, null);
        try {
            return producer.send(record(topic, key, encodedEvent, trace), completed);
        } catch (RuntimeException e) {
            completed.onCompletion(null, e);
            throw e;
        }
    }

    /**
     * Whether a send to {@code topic} now returns at once, so an I/O thread may make it: the topic's
     * partitions are known (a send to it was acknowledged), the last send that completed did not fail
     * (the broker is there), and few enough records are unacknowledged that the buffer has room.
     * Otherwise {@code send} may wait up to 5 s for metadata or buffer space, which only a worker
     * thread may do.
     */
    public boolean sendsWithoutWaiting(String topic) {
        return !lastSendFailed && inFlight.get() < MAX_IN_FLIGHT_WITHOUT_WAITING && acknowledgedTopics.contains(topic);
    }

    /**
     * Sends an already encoded event without waiting: the stage completes (on the producer's I/O
     * thread) when the broker acknowledged it, or exceptionally when it could not.
     */
    public CompletableFuture<RecordMetadata> sendAsync(String topic, String key, String encodedEvent) {
        return sendAsync(topic, key, encodedEvent, null);
    }

    /** {@link #sendAsync(String, String, String)} with the event's trace context as headers; null: none. */
    public CompletableFuture<RecordMetadata> sendAsync(String topic, String key, String encodedEvent,
            TraceContext trace) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        Callback completed = tracked(topic, (metadata, error) -> {
            if (error != null) {
                acknowledged.completeExceptionally(error);
            } else {
                acknowledged.complete(metadata);
            }
        });
        try {
            producer.send(record(topic, key, encodedEvent, trace), completed);
        } catch (RuntimeException e) {
            completed.onCompletion(null, e);
        }
        return acknowledged;
    }

    /**
     * Counts a record in flight until its send completes, and notes how it completed; a send that
     * throws instead completes it with what it threw.
     */
    private Callback tracked(String topic, Callback then) {
        inFlight.incrementAndGet();
        return (metadata, error) -> {
            inFlight.decrementAndGet();
            lastSendFailed = error != null;
            if (error == null) {
                acknowledgedTopics.add(topic);
            }
            if (then != null) {
                then.onCompletion(metadata, error);
            }
        };
    }

    private static ProducerRecord<String, String> record(String topic, String key, String encodedEvent,
            TraceContext trace) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, encodedEvent);
        record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (trace != null) {
            record.headers().add(TraceContext.TRACEPARENT, trace.traceparent().getBytes(StandardCharsets.US_ASCII));
            if (trace.tracestate() != null) {
                record.headers().add(TraceContext.TRACESTATE, trace.tracestate().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return record;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
