package io.vigil.contracts.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one JSON serialiser and deserialiser of Vigil's events, used by every producer and consumer.
 * Unknown fields are ignored when reading so that optional fields can be added without breaking
 * older consumers; anything else that does not match the contract is an {@link InvalidEventException}.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** A W3C traceparent: version, trace id, parent span id and flags, in lower-case hex. */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private EventCodec() {
    }

    /**
     * A copy of the mapper configured for Vigil's wire format (ISO-8601 times, unknown fields
     * ignored); a copy, so no caller can change the wire format for everyone else.
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** Wraps a payload into a new envelope with a new id ({@link EventIds}). */
    public static CloudEvent envelope(String source, Record payload, String subject, String trustId,
            String schoolId, String correlationId, Instant time) {
        return envelope(EventIds.next(), source, payload, subject, trustId, schoolId, correlationId, time);
    }

    /** Wraps a payload into an envelope with the given id (for ids derived from the input). */
    public static CloudEvent envelope(String id, String source, Record payload, String subject, String trustId,
            String schoolId, String correlationId, Instant time) {
        EventType type = EventType.ofPayload(payload.getClass());
        return new CloudEvent(CloudEvent.SPEC_VERSION, id, source, type.type(), time, subject, CloudEvent.JSON,
                trustId, schoolId, correlationId, MAPPER.valueToTree(payload));
    }

    /** An event encoded for the wire, with its id. */
    public record Encoded(String id, String json) {
    }

    /**
     * A new event of {@code payload} with a new id ({@link EventIds}), encoded in one pass: what
     * {@code encode(envelope(...))} gives, without the envelope's JSON tree.
     */
    public static Encoded encoded(String source, Record payload, String subject, String trustId, String schoolId,
            String correlationId, Instant time) {
        return encoded(EventIds.next(), source, payload, subject, trustId, schoolId, correlationId, time);
    }

    /** {@link #encoded(String, Record, String, String, String, String, Instant)} with the given id. */
    public static Encoded encoded(String id, String source, Record payload, String subject, String trustId,
            String schoolId, String correlationId, Instant time) {
        return new Encoded(id, encode(id, source, payload, subject, trustId, schoolId, correlationId, time));
    }

    /**
     * The encoded event of {@code payload} in one pass, without building the envelope's JSON tree
     * first: the same text as {@code encode(envelope(...))}, for producers on a hot path.
     */
    public static String encode(String id, String source, Record payload, String subject, String trustId,
            String schoolId, String correlationId, Instant time) {
        EventType type = EventType.ofPayload(payload.getClass());
        Outgoing event = new Outgoing(CloudEvent.SPEC_VERSION, id, source, type.type(), time, subject, CloudEvent.JSON,
                trustId, schoolId, correlationId, payload);
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + id, e);
        }
    }

    /** The envelope with its payload as the record itself (same properties, order and inclusion as CloudEvent). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private record Outgoing(String specversion, String id, String source, String type, Instant time, String subject,
            String datacontenttype, String trustid, String schoolid, String correlationid, Record data) {
    }

    /**
     * {@code json} (an encoded event without trace context, as {@link #encode} writes it) with the
     * distributed tracing extension's {@code traceparent} and, when given, {@code tracestate} added in
     * front of its other attributes. Publishers add the trace context where they send or store the
     * event, not where they build it, and this costs one copy of the text instead of a second encoding.
     *
     * @throws IllegalArgumentException if {@code traceparent} is not a W3C traceparent
     */
    public static String withTraceContext(String json, String traceparent, String tracestate) {
        if (!TRACEPARENT.matcher(traceparent).matches()) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        int open = json.indexOf('{');
        if (open < 0) {
            throw new IllegalArgumentException("not an encoded event");
        }
        StringBuilder traced = new StringBuilder(json.length() + 80 + (tracestate == null ? 0 : tracestate.length()));
        traced.append(json, 0, open + 1).append("\"traceparent\":\"").append(traceparent).append('"');
        if (tracestate != null && !tracestate.isEmpty()) {
            try {
                traced.append(",\"tracestate\":").append(MAPPER.writeValueAsString(tracestate));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        // An encoded event always has attributes after these (id, source and type at least).
        return traced.append(',').append(json, open + 1, json.length()).toString();
    }

    public static String encode(CloudEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + event.id(), e);
        }
    }

    public static byte[] encodeBytes(CloudEvent event) {
        return encode(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an envelope and checks its required attributes; the payload stays untyped (one JSON tree, of
     * the data only).
     */
    public static CloudEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty record");
        }
        if (json.charAt(firstNonWhitespace(json)) != '{') {
            throw new InvalidEventException("not a JSON object");
        }
        Incoming read;
        try {
            read = MAPPER.readValue(json, Incoming.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a CloudEvent: " + e.getOriginalMessage(), e);
        }
        String[][] required = {{"specversion", read.specversion()}, {"id", read.id()}, {"source", read.source()},
            {"type", read.type()}};
        for (String[] attribute : required) {
            if (attribute[1] == null) {
                throw new InvalidEventException("missing CloudEvents attribute '" + attribute[0] + "'");
            }
        }
        if (!CloudEvent.SPEC_VERSION.equals(read.specversion())) {
            throw new InvalidEventException("unsupported specversion '" + read.specversion() + "'");
        }
        return new CloudEvent(read.specversion(), read.id(), read.source(), read.type(), read.time(), read.subject(),
                read.datacontenttype(), read.trustid(), read.schoolid(), read.correlationid(), read.traceparent(),
                read.tracestate(), read.data());
    }

    private static int firstNonWhitespace(String text) {
        int i = 0;
        while (i < text.length() - 1 && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The envelope as read, before its required attributes are checked (CloudEvent refuses a missing id). */
    private record Incoming(String specversion, String id, String source, String type, Instant time, String subject,
            String datacontenttype, String trustid, String schoolid, String correlationid, String traceparent,
            String tracestate, JsonNode data) {
    }

    public static CloudEvent decode(byte[] bytes) {
        return decode(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8));
    }

    /** The typed payload of an envelope, checked against the type it declares. */
    public static <T extends Record> T payload(CloudEvent event, Class<T> payloadClass) {
        EventType declared = EventType.ofType(event.type())
                .orElseThrow(() -> new InvalidEventException("unknown event type '" + event.type() + "'"));
        if (!declared.payloadClass().equals(payloadClass)) {
            throw new InvalidEventException("event " + event.id() + " is " + event.type() + ", not " + payloadClass.getSimpleName());
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException("event " + event.id() + " has no data object");
        }
        try {
            T payload = MAPPER.treeToValue(event.data(), payloadClass);
            Payloads.checkRequired(payload);
            return payload;
        } catch (IOException e) {
            throw new InvalidEventException("event " + event.id() + " has invalid data: " + e.getMessage(), e);
        }
    }

    /** Whether an envelope declares the given type. */
    public static boolean isA(CloudEvent event, EventType type) {
        return type.type().equals(event.type());
    }

    /**
     * Checks that a payload has every field its record does not mark {@link OptionalField}. The record's
     * required components are looked up once per class: {@code getRecordComponents()} builds new objects and
     * parses the record's annotations and generic signatures on every call.
     */
    private static final class Payloads {

        /** A required component: its name and accessor. */
        private record Required(String name, Method accessor) {
        }

        private static final ClassValue<List<Required>> REQUIRED = new ClassValue<>() {
            @Override
            protected List<Required> computeValue(Class<?> type) {
                List<Required> required = new ArrayList<>();
                for (RecordComponent component : type.getRecordComponents()) {
                    if (!component.isAnnotationPresent(OptionalField.class)) {
                        required.add(new Required(component.getName(), component.getAccessor()));
                    }
                }
                return List.copyOf(required);
            }
        };

        static void checkRequired(Record payload) {
            for (Required component : REQUIRED.get(payload.getClass())) {
                try {
                    if (component.accessor().invoke(payload) == null) {
                        throw new InvalidEventException("missing field '" + component.name() + "' in "
                                + payload.getClass().getSimpleName());
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
