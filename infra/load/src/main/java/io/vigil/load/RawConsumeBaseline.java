package io.vigil.load;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The ceiling a consuming service is measured against: a plain {@code KafkaConsumer} in a fresh group
 * reading the very records the service will read, from the same topic, and decoding each as the service's
 * consumer does first ({@code EventCodec}: the CloudEvent envelope, then the payload; for triage the
 * {@code AlertReceived}, for reporting the incident event), with no database. Timed from the first record
 * read to the last.
 */
final class RawConsumeBaseline {

    private RawConsumeBaseline() {
    }

    /** A timed read: records read and decoded, and the seconds from the first to the last. */
    record Read(long records, double seconds) {
        double rate() {
            return records / seconds;
        }
    }

    /** Reads every record of {@code vigil.alerts.v1} from {@code from} up to {@code ends}, decoding each alert. */
    static Read read(String bootstrap, Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends,
            Duration timeout) {
        return read(bootstrap, Topics.ALERTS, from, ends, timeout, value -> {
            AlertReceived alert = EventCodec.payload(EventCodec.decode(value), AlertReceived.class);
            if (alert.alertId() == null) {
                throw new IllegalStateException("An alert without an id");
            }
        });
    }

    /**
     * Reads every record of {@code topic} from {@code from} up to {@code ends}, handing each value to
     * {@code decode} (which decodes it as the service's consumer does first, and throws if it is not what it
     * must be).
     */
    static Read read(String bootstrap, String topic, Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends,
            Duration timeout, java.util.function.Consumer<String> decode) {
        long expected = ServiceGroup.passed(ends, from, ends);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "load-raw-consume-" + Markers.next().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long read = 0;
        long first = 0;
        long last = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // One member: nothing is ever taken away.
                }
            });
            while (read < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The raw consumer read " + read + " of " + expected + " records");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.getOrDefault(partition, 0L)) {
                        continue;
                    }
                    decode.accept(record.value());
                    if (read++ == 0) {
                        first = System.nanoTime();
                    }
                    last = System.nanoTime();
                }
            }
        }
        return new Read(read, (last - first) / 1e9);
    }
}
