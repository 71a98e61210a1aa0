package io.vigil.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Looks at what is on a topic of the stack's Kafka without joining any service's consumer group: every
 * read assigns all partitions and starts from the beginning, so it sees records produced before it ran.
 */
public final class TopicProbe {

    private TopicProbe() {
    }

    /**
     * Every record on {@code topic} at the time of the call (up to the end offsets seen when it starts),
     * in partition order.
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Could not read " + topic + " to its end within " + timeout.toSeconds()
                            + " s (read " + records.size() + " records)");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
            return records;
        }
    }

    /**
     * The first record on {@code topic}, from the beginning, that {@code matching} accepts, waiting for it
     * to be produced. Throws {@link AssertionError} if none arrives within {@code timeout}.
     */
    public static ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> matching,
            Duration timeout) {
        return awaitAll(topic, matching, 1, timeout).get(0);
    }

    /**
     * The first {@code count} records on {@code topic}, from the beginning, that {@code matching} accepts.
     * Throws {@link AssertionError} with how many were found if fewer arrive within {@code timeout}.
     */
    public static List<ConsumerRecord<String, String>> awaitAll(String topic,
            Predicate<ConsumerRecord<String, String>> matching, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            assignFromBeginning(consumer, topic, timeout);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            int seen = 0;
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    if (matching.test(r)) {
                        found.add(r);
                        if (found.size() == count) {
                            return found;
                        }
                    }
                }
            }
            throw new AssertionError("Expected " + count + " matching record(s) on " + topic + " within "
                    + timeout.toSeconds() + " s; found " + found.size() + " among " + seen);
        }
    }

    /** Produces one record and waits until the broker has it ({@code acks=all}). */
    public static RecordMetadata send(String topic, String key, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilStack.endpoints().kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilStack.endpoints().kafkaBootstrap());
        // Manual assignment needs no group, but a unique id keeps client metrics and logs apart.
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, String> consumer, String topic,
            Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
