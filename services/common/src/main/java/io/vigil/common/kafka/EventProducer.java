package io.vigil.common.kafka;

import io.smallrye.common.annotation.Identifier;
import io.vigil.contracts.envelope.CloudEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
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

    private final Producer<String, String> producer;

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
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    /** Sends an already encoded event; the future completes when the broker acknowledged it. */
    public Future<RecordMetadata> send(String topic, String key, String encodedEvent) {
        return producer.send(record(topic, key, encodedEvent));
    }

    /**
     * Sends an already encoded event without waiting: the stage completes (on the producer's I/O
     * thread) when the broker acknowledged it, or exceptionally when it could not.
     */
    public CompletableFuture<RecordMetadata> sendAsync(String topic, String key, String encodedEvent) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record(topic, key, encodedEvent), (metadata, error) -> {
                if (error != null) {
                    acknowledged.completeExceptionally(error);
                } else {
                    acknowledged.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    private static ProducerRecord<String, String> record(String topic, String key, String encodedEvent) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, encodedEvent);
        record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
