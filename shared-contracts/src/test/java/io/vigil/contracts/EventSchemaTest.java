package io.vigil.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas are the contract for consumers that are not written in Java; these tests keep them
 * and the payload records saying the same thing, by validating what {@link EventCodec} really writes.
 */
class EventSchemaTest {

    private static final String ENVELOPE_SCHEMA = "/schemas/cloudevent.schema.json";

    // Draft 2020-12 treats "format" as an annotation by default; asserting it is what makes a
    // malformed timestamp an error here, as it would be for a strict consumer.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static List<Samples.Sample> samples() {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodedSampleIsValidAgainstEnvelopeAndPayloadSchemas(Samples.Sample sample) throws IOException {
        JsonNode wire = EventCodec.mapper().readTree(EventCodec.encode(sample.envelope()));

        assertValid(ENVELOPE_SCHEMA, wire);
        assertValid(sample.type().schemaResource(), wire.get("data"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodedSampleWithTraceContextIsValidAgainstTheEnvelopeSchema(Samples.Sample sample) throws IOException {
        String json = EventCodec.withTraceContext(EventCodec.encode(sample.envelope()),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=opaque");

        assertValid(ENVELOPE_SCHEMA, EventCodec.mapper().readTree(json));
    }

    @Test
    void everyEventTypeHasAtLeastOneSample() {
        Set<EventType> sampled = Samples.all().stream().map(Samples.Sample::type).collect(Collectors.toSet());
        assertEquals(Set.of(EventType.values()), sampled);
    }

    @Test
    void everyEventTypeHasASchemaAndEverySchemaBelongsToAnEventType() throws IOException, URISyntaxException {
        Set<String> expected = new TreeSet<>();
        expected.add(fileName(ENVELOPE_SCHEMA));
        for (EventType type : EventType.values()) {
            assertNotNull(EventSchemaTest.class.getResource(type.schemaResource()), "no schema for " + type);
            expected.add(fileName(type.schemaResource()));
        }

        Path folder = Path.of(EventSchemaTest.class.getResource("/schemas").toURI());
        Set<String> present;
        try (Stream<Path> files = Files.list(folder)) {
            present = files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, present, "schema files without an EventType, or EventTypes without a schema");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDeclaresExactlyTheRecordsFieldsAndWhichAreRequired(EventType type) {
        JsonNode schema = schemaTree(type.schemaResource());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals("urn:vigil:schema:" + type.type(), schema.path("$id").asText());

        List<String> components = PayloadFields.components(type).stream().map(RecordComponent::getName).toList();
        List<String> properties = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(components, properties, "properties of " + type.schemaResource());

        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        assertEquals(PayloadFields.required(type), required, "required of " + type.schemaResource());

        for (RecordComponent component : PayloadFields.components(type)) {
            JsonNode property = schema.path("properties").path(component.getName());
            boolean nullable = typesOf(property).contains("null");
            assertEquals(PayloadFields.isOptional(component), nullable,
                    type.type() + "." + component.getName() + " allows null exactly when it is optional");
            if (component.getType() == Instant.class) {
                assertEquals("date-time", property.path("format").asText(), type.type() + "." + component.getName());
            }
            if (component.getType().isEnum()) {
                Set<String> wireNames = Arrays.stream(component.getType().getEnumConstants())
                        .map(constant -> EventCodec.mapper().valueToTree(constant).asText())
                        .collect(Collectors.toSet());
                Set<String> allowed = new HashSet<>();
                // An optional field's enum also lists null (absent), which is not one of the constants.
                property.path("enum").forEach(value -> {
                    if (!value.isNull()) {
                        allowed.add(value.asText());
                    }
                });
                assertEquals(wireNames, allowed, type.type() + "." + component.getName());
            }
        }
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("io.vigil.contracts.PayloadFields#everyRequiredField")
    void payloadWithoutARequiredFieldIsInvalid(EventType type, String field) {
        assertInvalid(type, data -> data.remove(field), field);
        assertInvalid(type, data -> data.putNull(field), field);
    }

    @ParameterizedTest(name = "{0} with {1} outside its enum")
    @MethodSource("io.vigil.contracts.PayloadFields#everyEnumField")
    void payloadWithAnUnknownEnumValueIsInvalid(EventType type, String field) {
        assertInvalid(type, data -> data.put(field, "urgent"), field);
        String upperCase = Samples.first(type).envelope().data().get(field).asText().toUpperCase(Locale.ROOT);
        assertInvalid(type, data -> data.put(field, upperCase), field);
    }

    @Test
    void payloadWithAMalformedTimestampIsInvalid() {
        assertInvalid(EventType.ALERT_RECEIVED_V1, data -> data.put("occurredAt", "12/03/2025 10:41"), "occurredAt");
    }

    @Test
    void alertWithAFullUrlInsteadOfAHostIsInvalid() {
        assertInvalid(EventType.ALERT_RECEIVED_V1,
                data -> data.put("urlHost", "forum.example.net/search?q=something"), "urlHost");
    }

    @Test
    void learnerWithAnUnknownYearGroupOrAMalformedDateOfBirthIsInvalid() {
        assertInvalid(EventType.LEARNER_UPDATED_V1, data -> data.put("yearGroup", "Year 10"), "yearGroup");
        assertInvalid(EventType.LEARNER_UPDATED_V1, data -> data.put("dateOfBirth", "17/04/2010"), "dateOfBirth");
    }

    @Test
    void directoryAccountWithNeitherUserNameNorDeviceIsInvalid() {
        assertInvalid(EventType.LEARNER_UPDATED_V1,
                data -> data.putArray("accounts").addObject().put("applianceId", "appl-fgt-main-office"), "username");
    }

    @Test
    void guardianWithoutAnyContactIsInvalid() {
        assertInvalid(EventType.GUARDIAN_UPDATED_V1, data -> data.putNull("email").putNull("mobile"), "email");
    }

    @Test
    void guardianNotToBeContactedWithoutAReasonIsInvalid() {
        assertInvalid(EventType.GUARDIAN_UPDATED_V1,
                data -> data.put("doNotContact", true).putNull("doNotContactReason"), "doNotContactReason");
    }

    @Test
    void staffMemberWithAnUnknownSafeguardingRoleIsInvalid() {
        assertInvalid(EventType.STAFF_MEMBER_UPDATED_V1, data -> data.put("safeguardingRole", "deputy_dsl"),
                "safeguardingRole");
    }

    @Test
    void payloadWithAFieldFromANewerMinorVersionIsStillValid() {
        ObjectNode data = Samples.first(EventType.INCIDENT_OPENED_V1).envelope().data().deepCopy();
        data.put("reviewDueAt", "2025-03-19T10:41:09Z");
        assertValid(EventType.INCIDENT_OPENED_V1.schemaResource(), data);
    }

    @Test
    void envelopeThatBreaksTheCloudEventsRulesIsInvalid() throws IOException {
        assertEnvelopeInvalid(wire -> wire.put("specversion", "0.3"), "specversion");
        assertEnvelopeInvalid(wire -> wire.remove("id"), "id");
        assertEnvelopeInvalid(wire -> wire.remove("source"), "source");
        assertEnvelopeInvalid(wire -> wire.remove("type"), "type");
        assertEnvelopeInvalid(wire -> wire.put("type", "com.example.alert-received.v1"), "type");
        assertEnvelopeInvalid(wire -> wire.put("type", "uk.vigil.alert-received"), "type");
        assertEnvelopeInvalid(wire -> wire.put("time", "yesterday"), "time");
        assertEnvelopeInvalid(wire -> wire.put("schoolId", Samples.SCHOOL), "schoolId");
        assertEnvelopeInvalid(wire -> wire.put("traceparent", "4bf92f3577b34da6a3ce929d0e0e4736"), "traceparent");
        assertEnvelopeInvalid(wire -> wire.put("tracestate", "vendor=opaque"), "traceparent");
    }

    private static void assertEnvelopeInvalid(Consumer<ObjectNode> change, String expectedInMessage) throws IOException {
        ObjectNode wire = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.encode(Samples.first(EventType.ALERT_RECEIVED_V1).envelope()));
        change.accept(wire);
        Set<ValidationMessage> errors = validate(ENVELOPE_SCHEMA, wire);
        assertFalse(errors.isEmpty(), "envelope schema accepted " + wire);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains(expectedInMessage)),
                "no error names '" + expectedInMessage + "': " + errors);
    }

    private static void assertInvalid(EventType type, Consumer<ObjectNode> change, String field) {
        ObjectNode data = Samples.first(type).envelope().data().deepCopy();
        change.accept(data);
        Set<ValidationMessage> errors = validate(type.schemaResource(), data);
        assertFalse(errors.isEmpty(), type.schemaResource() + " accepted " + data);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains(field)),
                "no error names '" + field + "': " + errors);
    }

    private static void assertValid(String schemaResource, JsonNode node) {
        Set<ValidationMessage> errors = validate(schemaResource, node);
        assertTrue(errors.isEmpty(), schemaResource + " rejected " + node + ": " + errors);
    }

    private static Set<ValidationMessage> validate(String schemaResource, JsonNode node) {
        JsonSchema schema = FACTORY.getSchema(schemaTree(schemaResource), CONFIG);
        return schema.validate(node);
    }

    private static JsonNode schemaTree(String resource) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing " + resource);
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> typesOf(JsonNode property) {
        JsonNode type = property.path("type");
        Set<String> types = new HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static String fileName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
