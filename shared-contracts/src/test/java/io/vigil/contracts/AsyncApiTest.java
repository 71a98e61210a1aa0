package io.vigil.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.topics.Topics;
import io.vigil.contracts.topics.Topics.TopicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The AsyncAPI document describes the same topics and events as {@link Topics} and {@link EventType}. */
class AsyncApiTest {

    private static final String DOCUMENT = "/asyncapi.yaml";
    private static final String DEAD_LETTER_ADDRESS = "{topic}" + Topics.DLQ_SUFFIX;

    private static JsonNode api;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiTest.class.getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, "missing " + DOCUMENT);
            api = new YAMLMapper().readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3DocumentOfStructuredCloudEvents() {
        assertEquals("3.0.0", api.path("asyncapi").asText());
        assertEquals(CloudEvent.STRUCTURED_CONTENT_TYPE, api.path("defaultContentType").asText());
    }

    @Test
    void describesEveryTopicWithItsPartitionsAndCleanUpPolicy() {
        Map<String, TopicSpec> specs = TopicsTest.mainTopics().stream()
                .collect(Collectors.toMap(TopicSpec::name, Function.identity()));
        Set<String> described = new HashSet<>();
        api.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            if (address.equals(DEAD_LETTER_ADDRESS)) {
                return;
            }
            TopicSpec spec = specs.get(address);
            assertNotNull(spec, "channel for a topic Topics does not know: " + address);
            described.add(address);
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertEquals(address, kafka.path("topic").asText());
            assertEquals(spec.partitions(), kafka.path("partitions").asInt(), address);
            List<String> policy = new ArrayList<>();
            kafka.path("topicConfiguration").path("cleanup.policy").forEach(p -> policy.add(p.asText()));
            assertEquals(List.of(spec.compacted() ? "compact" : "delete"), policy, address);
        });
        assertEquals(specs.keySet(), described);
    }

    @Test
    void describesTheDeadLetterTopicOfEveryTopicWithTheFailureHeaders() {
        JsonNode channel = channelAt(DEAD_LETTER_ADDRESS);
        Set<String> sources = new HashSet<>();
        channel.path("parameters").path("topic").path("enum").forEach(t -> sources.add(t.asText()));
        assertEquals(TopicsTest.mainTopics().stream().map(TopicSpec::name).collect(Collectors.toSet()), sources);

        JsonNode message = resolve(channel.path("messages").path("deadLetter").path("$ref").asText());
        Set<String> headers = new HashSet<>();
        message.path("headers").path("properties").fieldNames().forEachRemaining(headers::add);
        assertTrue(headers.containsAll(Set.of("dead-letter-reason", "dead-letter-cause", "dead-letter-topic",
                "dead-letter-partition", "dead-letter-offset")), "headers: " + headers);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void describesEveryEventTypeWithItsSchemas(EventType type) {
        List<JsonNode> messages = new ArrayList<>();
        api.path("components").path("messages").forEach(m -> {
            if (m.path("name").asText().equals(type.type())) {
                messages.add(m);
            }
        });
        assertEquals(1, messages.size(), "messages named " + type.type());
        JsonNode message = messages.get(0);

        List<String> refs = new ArrayList<>();
        collectRefs(message.path("payload"), refs);
        assertTrue(refs.contains("./schemas/cloudevent.schema.json"), "envelope schema of " + type);
        assertTrue(refs.contains("." + type.schemaResource()), "payload schema of " + type);
        Set<String> declaredTypes = new HashSet<>();
        message.path("payload").path("allOf")
                .forEach(part -> declaredTypes.add(part.path("properties").path("type").path("const").asText()));
        assertTrue(declaredTypes.contains(type.type()), "type const of " + type + ": " + declaredTypes);
        assertFalse(message.path("bindings").path("kafka").path("key").isMissingNode(), "key of " + type);
    }

    @Test
    void everyEventMessageNamesAKnownEventType() {
        api.path("components").path("messages").fields().forEachRemaining(entry -> {
            if (entry.getValue().has("payload")) {
                String name = entry.getValue().path("name").asText();
                assertTrue(EventType.ofType(name).isPresent(), entry.getKey() + " names no EventType: " + name);
            }
        });
    }

    @Test
    void everyChannelHasAWriterAndAReader() {
        api.path("channels").fieldNames().forEachRemaining(name -> {
            Set<String> actions = new HashSet<>();
            api.path("operations").forEach(operation -> {
                if (operation.path("channel").path("$ref").asText().equals("#/channels/" + name)) {
                    actions.add(operation.path("action").asText());
                }
            });
            assertEquals(Set.of("send", "receive"), actions, "operations on channel " + name);
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertFalse(resolve(ref).isMissingNode(), "dangling " + ref);
            } else {
                String resource = URI.create("classpath:" + DOCUMENT).resolve(ref).getSchemeSpecificPart();
                assertNotNull(AsyncApiTest.class.getResource(resource), "no file for " + ref);
            }
        }
    }

    private static JsonNode channelAt(String address) {
        for (JsonNode channel : api.path("channels")) {
            if (channel.path("address").asText().equals(address)) {
                return channel;
            }
        }
        throw new AssertionError("no channel with address " + address);
    }

    private static JsonNode resolve(String localRef) {
        return api.at(localRef.substring(1));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }
}
