package io.vigil.load;

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

/** Where a topic ({@code vigil.alerts.v1}, {@code vigil.incidents.v1}…) ends, partition by partition. */
final class TopicEnds {

    private TopicEnds() {
    }

    /** The end offset of every partition of {@code topic}, by partition number. */
    static Map<TopicPartition, Long> of(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            ends.putAll(consumer.endOffsets(partitions));
            return ends;
        }
    }

    /** Records on {@code topic} so far: the sum of its partitions' end offsets. */
    static long records(String bootstrap, String topic) {
        return of(bootstrap, topic).values().stream().mapToLong(Long::longValue).sum();
    }
}
