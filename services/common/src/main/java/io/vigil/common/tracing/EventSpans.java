package io.vigil.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.vigil.contracts.envelope.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One span per consumed event, named {@code <consumer> process}, a child of the span that published
 * it (the envelope's {@code traceparent}), so an alert's spans in every service share one trace.
 *
 * <p>A poll's events are handled together, in one call of the handler, so no one span can be current
 * for all of it. While the handler runs, {@link #activate} makes the span of the event it is working
 * on current, and what it publishes for that event (through the outbox) carries that event's trace on.
 * Attributes are ids only, never what an event says about a person.
 */
@ApplicationScoped
public class EventSpans {

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("vigil.consumer");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("vigil.event.type");
    static final AttributeKey<String> TRUST = AttributeKey.stringKey("vigil.trust.id");
    static final AttributeKey<String> SCHOOL = AttributeKey.stringKey("vigil.school.id");
    static final AttributeKey<String> CORRELATION = AttributeKey.stringKey("vigil.correlation.id");
    static final AttributeKey<String> SUBJECT = AttributeKey.stringKey("vigil.subject.id");

    /** The spans of the events the handler on this thread is handling, by identity of the event. */
    private static final ThreadLocal<Map<CloudEvent, Span>> HANDLING = new ThreadLocal<>();

    @Inject
    Tracer tracer;

    public EventSpans() {
    }

    /** For tests that bring their own tracer. */
    public EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span of {@code consumer} processing {@code event}. */
    public Span start(String consumer, CloudEvent event) {
        SpanBuilder builder = tracer.spanBuilder(consumer + " process")
                .setParent(TraceContext.parentOf(event))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(CONSUMER, consumer)
                .setAttribute(MESSAGE_ID, event.id())
                .setAttribute(EVENT_TYPE, event.type());
        if (event.trustid() != null) {
            builder.setAttribute(TRUST, event.trustid());
        }
        if (event.schoolid() != null) {
            builder.setAttribute(SCHOOL, event.schoolid());
        }
        if (event.correlationid() != null) {
            builder.setAttribute(CORRELATION, event.correlationid());
        }
        if (event.subject() != null && namesAnIncidentOrNotification(event.type())) {
            // A directory event's subject is a person: not for traces.
            builder.setAttribute(SUBJECT, event.subject());
        }
        return builder.startSpan();
    }

    private static boolean namesAnIncidentOrNotification(String type) {
        return type.startsWith("uk.vigil.incident-") || type.startsWith("uk.vigil.notification-")
                || type.startsWith("uk.vigil.alert-");
    }

    /** Starts one span per event, in their order. */
    public List<Span> startAll(String consumer, List<CloudEvent> events) {
        List<Span> spans = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            spans.add(start(consumer, event));
        }
        return spans;
    }

    /**
     * Runs {@code work} with the spans of {@code events} (the same positions in {@code spans}) known
     * to {@link #activate} on this thread.
     */
    public static <T> T handling(List<CloudEvent> events, List<Span> spans, Supplier<T> work) {
        Map<CloudEvent, Span> previous = HANDLING.get();
        Map<CloudEvent, Span> current = new IdentityHashMap<>(events.size() * 2);
        for (int i = 0; i < events.size(); i++) {
            current.put(events.get(i), spans.get(i));
        }
        HANDLING.set(current);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                HANDLING.remove();
            } else {
                HANDLING.set(previous);
            }
        }
    }

    /**
     * Makes the span of {@code event} current until the scope is closed, for the work a poll's
     * handler does for that one event; a no-op where no span of it is known (an event handled alone
     * already runs in its span).
     */
    public static Scope activate(CloudEvent event) {
        Map<CloudEvent, Span> spans = HANDLING.get();
        Span span = spans == null ? null : spans.get(event);
        return span == null ? Scope.noop() : span.makeCurrent();
    }

    /** Runs {@code work}, then ends {@code spans}, marked failed with what it threw, if anything. */
    public static <T> T endingAfter(List<Span> spans, Supplier<T> work) {
        Throwable failure = null;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            endAll(spans, failure);
        }
    }

    /** Ends every span, marked failed with {@code failure} when there is one. */
    public static void endAll(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            end(span, failure);
        }
    }

    /** Ends {@code span}, marked failed with {@code failure} when there is one. */
    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            // The exception's type only: its message may quote an event's contents.
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }
}
