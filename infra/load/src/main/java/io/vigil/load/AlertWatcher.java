package io.vigil.load;

import io.vigil.contracts.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code vigil.alerts.v1} for the alerts of one run, from the end of the topic as it stood just
 * before the run, and notes when the last of them arrived. Between runs it is paused, so it costs
 * nothing while other paths are measured. Its consumer joins no group: it assigns every partition.
 */
final class AlertWatcher implements AutoCloseable {

    /** The alerts one run waits for: those whose event contains the run's marker. */
    static final class Expectation {
        private final String marker;
        private final long count;
        private final AtomicLong seen = new AtomicLong();
        private final CountDownLatch positioned = new CountDownLatch(1);
        private final CountDownLatch reached = new CountDownLatch(1);
        private volatile long reachedAtNanos;
        private volatile ConsumerRecord<String, String> first;

        private Expectation(String marker, long count) {
            this.marker = marker;
            this.count = count;
        }

        /** {@link System#nanoTime()} when the last expected alert was read; fails with the count seen. */
        long awaitAll(Duration timeout) throws InterruptedException {
            if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Saw " + seen.get() + " of " + count + " alerts marked " + marker
                        + " on " + Topics.ALERTS + " within " + timeout.toSeconds() + " s");
            }
            return reachedAtNanos;
        }

        /** The first alert of the run that was read. */
        ConsumerRecord<String, String> first() {
            return first;
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final LinkedBlockingQueue<Expectation> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    AlertWatcher(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "load-alert-watcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        partitions = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.pause(partitions);
        thread = new Thread(this::loop, "alert-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching for {@code count} alerts containing {@code marker}; returns once the watcher stands at
     * the end of the topic, so everything sent afterwards is seen.
     */
    Expectation expect(String marker, long count) throws InterruptedException {
        Expectation expectation = new Expectation(marker, count);
        pending.put(expectation);
        if (!expectation.positioned.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The alert watcher did not start within 30 s");
        }
        return expectation;
    }

    private void loop() {
        Expectation current = null;
        try {
            while (running) {
                Expectation next = pending.poll();
                if (next != null) {
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    consumer.resume(partitions);
                    current = next;
                    next.positioned.countDown();
                }
                if (current == null) {
                    Thread.sleep(20);
                    continue;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null && record.value().contains(current.marker)) {
                        if (current.first == null) {
                            current.first = record;
                        }
                        if (current.seen.incrementAndGet() == current.count) {
                            current.reachedAtNanos = System.nanoTime();
                            current.reached.countDown();
                        }
                    }
                }
                if (current.reached.getCount() == 0) {
                    consumer.pause(partitions);
                    current = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                System.err.println("Alert watcher stopped: " + e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
