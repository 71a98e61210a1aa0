package io.vigil.contracts.topics;

import java.util.List;

/**
 * The Kafka topics Vigil's services exchange events on, with the partition counts and clean-up
 * policy each is created with. Every service, the local stack and the Helm chart read these names
 * from here, never from a copy.
 */
public final class Topics {

    /** Raw alerts and staff concerns accepted by intake; keyed by school id. */
    public static final String ALERTS = "vigil.alerts.v1";
    /** Learners, guardians and staff from the MIS directory feed; compacted, keyed by person id. */
    public static final String DIRECTORY = "vigil.directory.v1";
    /** Incident lifecycle events from triage; keyed by incident id. */
    public static final String INCIDENTS = "vigil.incidents.v1";
    /** Notification requests and delivery outcomes; keyed by notification id. */
    public static final String NOTIFICATIONS = "vigil.notifications.v1";
    /** Audit records from every service; keyed by school id. */
    public static final String AUDIT = "vigil.audit.v1";

    /** Suffix of the dead-letter topic that belongs to each topic above. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** How a topic is created: name, partitions and whether the log is compacted. */
    public record TopicSpec(String name, int partitions, boolean compacted) {
    }

    /** Every topic Vigil needs, dead-letter topics included. */
    public static List<TopicSpec> all() {
        List<TopicSpec> main = List.of(
                new TopicSpec(ALERTS, 6, false),
                new TopicSpec(DIRECTORY, 3, true),
                new TopicSpec(INCIDENTS, 6, false),
                new TopicSpec(NOTIFICATIONS, 3, false),
                new TopicSpec(AUDIT, 3, false));
        List<TopicSpec> withDeadLetters = new java.util.ArrayList<>(main);
        for (TopicSpec spec : main) {
            withDeadLetters.add(new TopicSpec(deadLetterOf(spec.name()), 1, false));
        }
        return List.copyOf(withDeadLetters);
    }
}
