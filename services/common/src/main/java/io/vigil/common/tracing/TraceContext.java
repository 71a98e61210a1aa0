package io.vigil.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import java.util.List;

/**
 * The W3C trace context that travels with an event: the envelope's {@code traceparent} and
 * {@code tracestate} attributes (the CloudEvents distributed tracing extension), the outbox row's
 * columns of the same names and the Kafka record's headers. Events are consumed a poll at a time and
 * published through the outbox later, on another thread, so no automatic instrumentation carries the
 * context across: it is written down with the event and read back from it.
 *
 * @param traceparent the W3C {@code traceparent} of the span that published the event
 * @param tracestate the W3C {@code tracestate} that goes with it, or null
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<String[]> INTO_PAIR = (pair, key, value) -> {
        if (TRACEPARENT.equals(key)) {
            pair[0] = value;
        } else if (TRACESTATE.equals(key)) {
            pair[1] = value;
        }
    };

    private static final TextMapGetter<CloudEvent> FROM_EVENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CloudEvent event) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(CloudEvent event, String key) {
            if (event == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? event.traceparent() : TRACESTATE.equals(key) ? event.tracestate() : null;
        }
    };

    /** The context of the current span, or null when there is none (nothing traced here). */
    public static TraceContext current() {
        return of(Context.current());
    }

    /**
     * The context of {@code context}'s span, or null when it has none. A span that is not sampled
     * still has one: its flags say so, and downstream keeps the same decision.
     */
    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        String[] pair = new String[2];
        W3C.inject(context, pair, INTO_PAIR);
        return pair[0] == null ? null : new TraceContext(pair[0], pair[1] == null || pair[1].isEmpty() ? null : pair[1]);
    }

    /**
     * The context to start a span of {@code event}'s processing in: its publisher's span as the
     * remote parent, or the root context when the event carries none (or one that is not W3C).
     */
    public static Context parentOf(CloudEvent event) {
        if (event.traceparent() == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), event, FROM_EVENT);
    }

    /** {@code encodedEvent} with this context as its envelope's tracing attributes. */
    public String addTo(String encodedEvent) {
        return EventCodec.withTraceContext(encodedEvent, traceparent, tracestate);
    }
}
