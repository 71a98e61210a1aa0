package io.vigil.load;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A service's consumer group ({@code vigil-triage}, {@code vigil-notification}) on one of the topics it
 * reads, as the broker sees it: where it will start reading, when one of its members is first given a
 * partition of the topic, and when its committed offsets reach given ends.
 */
final class ServiceGroup implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Admin admin;
    private final String service;
    private final String group;
    private final String topic;

    /** The group of {@code service} ({@code vigil-<service>}) on {@code topic}. */
    ServiceGroup(String bootstrap, String service, String topic) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.service = service;
        this.group = "vigil-" + service;
        this.topic = topic;
    }

    /**
     * Commits {@code offsets} for the group (any of the topics it reads), so the service, once started,
     * reads from there. The group must have no members: after the service stops, the broker may take a
     * while to see it go, so this retries.
     */
    void startFrom(Map<TopicPartition, Long> offsets, Duration timeout) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, commit).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Cannot set the offsets of " + group + ": " + e.getMessage(), e);
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** Whether a member of the group holds a partition of the topic. */
    boolean consuming() throws InterruptedException {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(30, TimeUnit.SECONDS);
            return description.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                    .anyMatch(p -> p.topic().equals(topic));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** The group's committed offsets on the topic; a partition without one is missing. */
    Map<TopicPartition, Long> committed() throws InterruptedException {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> {
                        if (partition.topic().equals(topic) && offset != null) {
                            offsets.put(partition, offset.offset());
                        }
                    });
            return offsets;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return Map.of();
        }
    }

    /**
     * Records of {@code from}…{@code ends} the group has not committed yet: its lag over that stretch
     * (a partition without a committed offset counts from {@code from}).
     */
    long behind(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) throws InterruptedException {
        return passed(ends, from, ends) - passed(committed(), from, ends);
    }

    /** Whether every partition's committed offset stands at or past its end in {@code ends}. */
    static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /** How many records of {@code from}…{@code ends} the committed offsets have passed. */
    static long passed(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> ends) {
        long passed = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long start = from.getOrDefault(end.getKey(), 0L);
            long at = Math.min(end.getValue(), committed.getOrDefault(end.getKey(), start));
            passed += Math.max(0, at - start);
        }
        return passed;
    }

    /**
     * Waits, polling, for the service to start on the records from {@code from}: answers
     * {@link System#nanoTime()} of the first poll that saw a member holding a partition of the topic or a
     * committed offset past {@code from}.
     */
    long awaitStart(Map<TopicPartition, Long> from, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            long now = System.nanoTime();
            if (consuming() || !committed().entrySet().stream()
                    .allMatch(e -> e.getValue() <= from.getOrDefault(e.getKey(), e.getValue()))) {
                return now;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(service + "'s consumer did not start on " + topic + " within "
                + timeout.toSeconds() + " s");
    }

    /**
     * Waits, polling, until the committed offsets reach {@code ends}; answers {@link System#nanoTime()} of
     * the poll that saw it. Reports progress every 30 s.
     */
    long awaitEnds(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long lastReport = System.nanoTime();
        long total = passed(ends, from, ends);
        while (Instant.now().isBefore(deadline)) {
            long now = System.nanoTime();
            Map<TopicPartition, Long> committed = committed();
            if (reached(committed, ends)) {
                return now;
            }
            if (now - lastReport > 30_000_000_000L) {
                Host.log("  %s has committed %,d of %,d records of %s", service, passed(committed, from, ends), total,
                        topic);
                lastReport = now;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(service + " did not commit every record of " + topic + " within "
                + timeout.toMinutes() + " min");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
