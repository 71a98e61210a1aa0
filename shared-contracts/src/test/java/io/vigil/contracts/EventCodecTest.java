package io.vigil.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.envelope.InvalidEventException;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every producer and consumer relies on: an event read back is the event written, and anything
 * else is an {@link InvalidEventException} whose message says what is wrong, because that message is
 * what operators see in the dead-letter topic.
 */
class EventCodecTest {

    static List<Samples.Sample> samples() {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodingAnEncodedEventGivesBackTheSameEventAndPayload(Samples.Sample sample) {
        CloudEvent written = sample.envelope();

        CloudEvent read = EventCodec.decode(EventCodec.encode(written));

        assertEquals(written, read);
        assertTrue(EventCodec.isA(read, sample.type()));
        assertEquals(sample.payload(), EventCodec.payload(read, sample.type().payloadClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theOnePassEncodingIsTheSameTextAsEncodingTheEnvelope(Samples.Sample sample) {
        CloudEvent envelope = sample.envelope();
        assertEquals(EventCodec.encode(envelope), EventCodec.encode(envelope.id(), envelope.source(), sample.payload(),
                envelope.subject(), envelope.trustid(), envelope.schoolid(), envelope.correlationid(), envelope.time()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anEncodedEventCarriesItsIdAndTheEnvelopesText(Samples.Sample sample) {
        CloudEvent envelope = sample.envelope();

        EventCodec.Encoded given = EventCodec.encoded(envelope.id(), envelope.source(), sample.payload(),
                envelope.subject(), envelope.trustid(), envelope.schoolid(), envelope.correlationid(), envelope.time());
        EventCodec.Encoded fresh = EventCodec.encoded(envelope.source(), sample.payload(), envelope.subject(),
                envelope.trustid(), envelope.schoolid(), envelope.correlationid(), envelope.time());

        assertEquals(envelope.id(), given.id());
        assertEquals(EventCodec.encode(envelope), given.json());
        assertNotEquals(envelope.id(), fresh.id());
        CloudEvent read = EventCodec.decode(fresh.json());
        assertEquals(fresh.id(), read.id());
        assertEquals(new CloudEvent(envelope.specversion(), fresh.id(), envelope.source(), envelope.type(),
                envelope.time(), envelope.subject(), envelope.datacontenttype(), envelope.trustid(),
                envelope.schoolid(), envelope.correlationid(), envelope.data()), read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void traceContextAddedToAnEncodedEventIsReadBackAndChangesNothingElse(Samples.Sample sample) {
        CloudEvent envelope = sample.envelope();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        CloudEvent read = EventCodec.decode(EventCodec.withTraceContext(EventCodec.encode(envelope), traceparent,
                "vendor=a\\b c"));

        assertEquals(new CloudEvent(envelope.specversion(), envelope.id(), envelope.source(), envelope.type(),
                envelope.time(), envelope.subject(), envelope.datacontenttype(), envelope.trustid(),
                envelope.schoolid(), envelope.correlationid(), traceparent, "vendor=a\\b c", envelope.data()), read);
        assertEquals(sample.payload(), EventCodec.payload(read, sample.type().payloadClass()));
    }

    @Test
    void traceContextWithoutTraceStateAddsOnlyTheTraceparent() {
        CloudEvent envelope = Samples.first(EventType.ALERT_RECEIVED_V1).envelope();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

        String json = EventCodec.withTraceContext(EventCodec.encode(envelope), traceparent, null);

        assertTrue(json.startsWith("{\"traceparent\":\"" + traceparent + "\",\"specversion\""), json);
        assertEquals(traceparent, EventCodec.decode(json).traceparent());
        assertNull(EventCodec.decode(json).tracestate());
        assertNull(EventCodec.decode(EventCodec.encode(envelope)).traceparent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\""})
    void aTraceparentThatIsNotW3cIsNotWritten(String traceparent) {
        String json = EventCodec.encode(Samples.first(EventType.ALERT_RECEIVED_V1).envelope());
        assertThrows(IllegalArgumentException.class, () -> EventCodec.withTraceContext(json, traceparent, null));
    }

    @Test
    void whitespaceAroundAnEnvelopeIsAllowed() {
        CloudEvent written = Samples.first(EventType.ALERT_RECEIVED_V1).envelope();

        assertEquals(written, EventCodec.decode(" \n\t" + EventCodec.encode(written) + "\n "));
    }

    @Test
    void anEnvelopeThatIsJsonNullIsNotAnObject() {
        assertInvalid(() -> EventCodec.decode("null"), "not a JSON object");
        assertInvalid(() -> EventCodec.decode(" 42 "), "not a JSON object");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void bytesRoundTripAsUtf8(Samples.Sample sample) {
        CloudEvent written = sample.envelope();

        byte[] bytes = EventCodec.encodeBytes(written);

        assertEquals(EventCodec.encode(written), new String(bytes, StandardCharsets.UTF_8));
        assertEquals(written, EventCodec.decode(bytes));
    }

    @Test
    void envelopeCarriesTheAttributesVigilRoutesAndTracesBy() {
        Samples.Sample sample = Samples.first(EventType.ALERT_RECEIVED_V1);
        CloudEvent event = sample.envelope();

        assertEquals(CloudEvent.SPEC_VERSION, event.specversion());
        assertEquals("uk.vigil.alert-received.v1", event.type());
        assertEquals(CloudEvent.JSON, event.datacontenttype());
        assertEquals(Samples.TRUST, event.trustid());
        assertEquals(Samples.SCHOOL, event.schoolid());
        assertEquals(Samples.CORRELATION, event.correlationid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyRecordIsRejected(String json) {
        assertInvalid(() -> EventCodec.decode(json), "empty record");
        assertInvalid(() -> EventCodec.decode((byte[]) null), "empty record");
    }

    @Test
    void malformedJsonIsRejected() {
        assertInvalid(() -> EventCodec.decode("{\"specversion\":\"1.0\",\"id\":"), "not a CloudEvent");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertInvalid(() -> EventCodec.decode("[{\"specversion\":\"1.0\"}]"), "not a JSON object");
        assertInvalid(() -> EventCodec.decode("\"uk.vigil.alert-received.v1\""), "not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type"})
    void envelopeWithoutARequiredAttributeIsRejected(String attribute) {
        String json = wire(Samples.first(EventType.ALERT_RECEIVED_V1), w -> w.remove(attribute));
        assertInvalid(() -> EventCodec.decode(json), "missing CloudEvents attribute '" + attribute + "'");

        String nulled = wire(Samples.first(EventType.ALERT_RECEIVED_V1), w -> w.putNull(attribute));
        assertInvalid(() -> EventCodec.decode(nulled), "missing CloudEvents attribute '" + attribute + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3", "1", "2.0"})
    void envelopeOfAnotherSpecVersionIsRejected(String version) {
        String json = wire(Samples.first(EventType.ALERT_RECEIVED_V1), w -> w.put("specversion", version));
        assertInvalid(() -> EventCodec.decode(json), "unsupported specversion '" + version + "'");
    }

    @Test
    void envelopeWithAMalformedTimeIsRejected() {
        String json = wire(Samples.first(EventType.ALERT_RECEIVED_V1), w -> w.put("time", "yesterday"));
        assertInvalid(() -> EventCodec.decode(json), "not a CloudEvent");
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("io.vigil.contracts.PayloadFields#everyRequiredField")
    void payloadWithoutARequiredFieldIsRejectedNamingTheField(EventType type, String field) {
        CloudEvent missing = EventCodec.decode(wire(Samples.first(type), w -> data(w).remove(field)));
        assertInvalid(() -> EventCodec.payload(missing, type.payloadClass()), field);

        CloudEvent nulled = EventCodec.decode(wire(Samples.first(type), w -> data(w).putNull(field)));
        assertInvalid(() -> EventCodec.payload(nulled, type.payloadClass()), field);
    }

    @Test
    void payloadWithoutAnOptionalFieldIsAccepted() {
        Samples.Sample sample = Samples.first(EventType.ALERT_RECEIVED_V1);
        CloudEvent event = EventCodec.decode(wire(sample, w -> data(w).remove(List.of("userRef", "deviceRef"))));

        AlertReceived alert = EventCodec.payload(event, AlertReceived.class);

        AlertReceived original = (AlertReceived) sample.payload();
        assertNull(alert.userRef());
        assertNull(alert.deviceRef());
        assertEquals(original.urlHost(), alert.urlHost());
    }

    @Test
    void unknownEnumValueIsRejected() {
        CloudEvent event = EventCodec.decode(
                wire(Samples.first(EventType.INCIDENT_UPDATED_V1), w -> data(w).put("severity", "urgent")));
        assertInvalid(() -> EventCodec.payload(event, IncidentUpdated.class), "severity");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void fieldsAndAttributesFromANewerProducerAreIgnored(Samples.Sample sample) {
        String json = wire(sample, w -> {
            w.put("dataref", "https://example.test/events/1");
            data(w).put("addedInALaterMinorVersion", "anything");
            data(w).putObject("nestedAddition").put("count", 3);
        });

        CloudEvent event = EventCodec.decode(json);

        assertEquals(sample.envelope().id(), event.id());
        assertEquals(sample.envelope().type(), event.type());
        assertEquals(sample.payload(), EventCodec.payload(event, sample.type().payloadClass()));
    }

    @Test
    void payloadAsTheWrongRecordIsRejected() {
        CloudEvent alert = Samples.first(EventType.ALERT_RECEIVED_V1).envelope();
        assertInvalid(() -> EventCodec.payload(alert, IncidentOpened.class), "not IncidentOpened");
    }

    @Test
    void payloadOfAnUnknownTypeIsRejected() {
        CloudEvent event = EventCodec.decode(
                wire(Samples.first(EventType.ALERT_RECEIVED_V1), w -> w.put("type", "uk.vigil.alert-received.v9")));
        assertInvalid(() -> EventCodec.payload(event, AlertReceived.class), "unknown event type 'uk.vigil.alert-received.v9'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"absent", "null", "array", "string"})
    void eventWhoseDataIsNotAnObjectHasNoPayload(String shape) {
        String json = wire(Samples.first(EventType.ALERT_RECEIVED_V1), w -> {
            switch (shape) {
                case "absent" -> w.remove("data");
                case "null" -> w.putNull("data");
                case "array" -> w.putArray("data").add("alr-fgt-0b9c2e");
                default -> w.put("data", "alr-fgt-0b9c2e");
            }
        });
        CloudEvent event = EventCodec.decode(json);
        assertInvalid(() -> EventCodec.payload(event, AlertReceived.class), "has no data object");
    }

    @Test
    void envelopeOfARecordThatIsNotAnEventIsRefused() {
        record NotAnEvent(String id) {
        }
        assertThrows(IllegalArgumentException.class, () -> EventCodec.envelope(
                "/vigil/test", new NotAnEvent("x"), "x", Samples.TRUST, Samples.SCHOOL, Samples.CORRELATION, null));
    }

    private static void assertInvalid(Executable call, String expectedInMessage) {
        InvalidEventException e = assertThrows(InvalidEventException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "message '" + e.getMessage() + "' does not name '" + expectedInMessage + "'");
    }

    /** The sample's wire form, changed as a faulty or newer producer would have written it. */
    private static String wire(Samples.Sample sample, Consumer<ObjectNode> change) {
        try {
            ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(sample.envelope()));
            change.accept(tree);
            return EventCodec.mapper().writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode data(ObjectNode wire) {
        return (ObjectNode) wire.get("data");
    }
}
