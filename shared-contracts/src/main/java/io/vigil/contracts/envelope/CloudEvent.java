package io.vigil.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, with Vigil's extension attributes.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique per event; consumers deduplicate on it
 * @param source URI-reference of the producing service, e.g. {@code /vigil/intake}
 * @param type versioned event type, e.g. {@code uk.vigil.alert-received.v1}
 * @param time when the fact happened
 * @param subject the aggregate the event is about (alert, incident or notification id)
 * @param datacontenttype always {@code application/json}
 * @param trustid extension: the multi-academy trust the event belongs to
 * @param schoolid extension: the school the event belongs to
 * @param correlationid extension: follows one alert through every service
 * @param traceparent extension (CloudEvents distributed tracing): the W3C trace context of the span
 *     that published the event, so the spans of its consumers join the same trace; absent when the
 *     publisher traced nothing
 * @param tracestate extension (CloudEvents distributed tracing): the W3C vendor trace state that
 *     goes with {@code traceparent}; usually absent
 * @param data the payload, one of the v1 records of this module
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        String trustid,
        String schoolid,
        String correlationid,
        String traceparent,
        String tracestate,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** The Kafka {@code content-type} header value of a structured-mode CloudEvent. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** An envelope without trace context. */
    public CloudEvent(String specversion, String id, String source, String type, Instant time, String subject,
            String datacontenttype, String trustid, String schoolid, String correlationid, JsonNode data) {
        this(specversion, id, source, type, time, subject, datacontenttype, trustid, schoolid, correlationid, null,
                null, data);
    }
}
