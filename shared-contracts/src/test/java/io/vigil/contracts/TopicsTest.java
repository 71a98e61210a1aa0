package io.vigil.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.contracts.topics.Topics;
import io.vigil.contracts.topics.Topics.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Pattern MAIN = Pattern.compile("vigil\\.[a-z]+\\.v[0-9]+");
    private static final Pattern DEAD_LETTER = Pattern.compile("vigil\\.[a-z]+\\.v[0-9]+\\.dlq");

    private static final Map<String, TopicSpec> BY_NAME = Topics.all().stream()
            .collect(Collectors.toMap(TopicSpec::name, Function.identity()));

    @Test
    void everyTopicIsNamedByTheConvention() {
        for (TopicSpec spec : Topics.all()) {
            assertTrue(MAIN.matcher(spec.name()).matches() || DEAD_LETTER.matcher(spec.name()).matches(),
                    spec.name());
            assertTrue(spec.partitions() > 0, spec.name());
        }
    }

    @Test
    void topicNamesAreUnique() {
        assertEquals(Topics.all().size(), BY_NAME.size());
    }

    @Test
    void theCatalogueHoldsEveryTopicOfTheDesign() {
        assertEquals(Set.of(Topics.ALERTS, Topics.DIRECTORY, Topics.INCIDENTS, Topics.NOTIFICATIONS, Topics.AUDIT),
                mainTopics().stream().map(TopicSpec::name).collect(Collectors.toSet()));
    }

    @Test
    void everyMainTopicHasADeadLetterTopicAndEveryDeadLetterTopicHasASource() {
        for (TopicSpec main : mainTopics()) {
            String deadLetter = Topics.deadLetterOf(main.name());
            assertEquals(main.name() + ".dlq", deadLetter);
            assertTrue(BY_NAME.containsKey(deadLetter), "no dead-letter topic for " + main.name());
        }
        for (TopicSpec spec : Topics.all()) {
            if (spec.name().endsWith(Topics.DLQ_SUFFIX)) {
                String source = spec.name().substring(0, spec.name().length() - Topics.DLQ_SUFFIX.length());
                assertTrue(BY_NAME.containsKey(source), spec.name() + " has no source topic");
            }
        }
    }

    @Test
    void onlyTheDirectoryIsCompacted() {
        assertTrue(BY_NAME.get(Topics.DIRECTORY).compacted(), "the directory keeps the latest record per person");
        for (TopicSpec spec : Topics.all()) {
            if (!spec.name().equals(Topics.DIRECTORY)) {
                // Compaction would silently drop older events of the same key, which every other topic needs.
                assertFalse(spec.compacted(), spec.name());
            }
        }
    }

    static List<TopicSpec> mainTopics() {
        return Topics.all().stream().filter(spec -> !spec.name().endsWith(Topics.DLQ_SUFFIX)).toList();
    }
}
