package io.vigil.load;

import io.vigil.contracts.topics.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Where {@code vigil.alerts.v1} ends, partition by partition. */
final class AlertsTopic {

    private AlertsTopic() {
    }

    /** The end offset of every partition of {@code vigil.alerts.v1}, by partition number. */
    static Map<TopicPartition, Long> endOffsets(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            ends.putAll(consumer.endOffsets(partitions));
            return ends;
        }
    }

    /** Records on the topic so far: the sum of its partitions' end offsets. */
    static long records(String bootstrap) {
        return endOffsets(bootstrap).values().stream().mapToLong(Long::longValue).sum();
    }
}
