package io.vigil.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    @Test
    void theCurrentSpanIsWrittenAsAW3cTraceparent() {
        Span span = Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));

        try (Scope scope = span.makeCurrent()) {
            assertThat(TraceContext.current())
                    .isEqualTo(new TraceContext("00-" + TRACE_ID + "-" + SPAN_ID + "-01", null));
        }
    }

    @Test
    void aSpanNotSampledStillPassesItsContextOnWithItsDecision() {
        Context context = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getDefault(),
                TraceState.builder().put("vendor", "opaque").build())));

        assertThat(TraceContext.of(context))
                .isEqualTo(new TraceContext("00-" + TRACE_ID + "-" + SPAN_ID + "-00", "vendor=opaque"));
    }

    @Test
    void withoutASpanThereIsNothingToPassOn() {
        assertThat(TraceContext.current()).isNull();
        assertThat(TraceContext.of(Context.root())).isNull();
    }

    @Test
    void anEventsTraceparentIsTheRemoteParentOfItsProcessing() {
        CloudEvent event = event("00-" + TRACE_ID + "-" + SPAN_ID + "-01", "vendor=opaque");

        SpanContext parent = Span.fromContext(TraceContext.parentOf(event)).getSpanContext();

        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.getTraceState().get("vendor")).isEqualTo("opaque");
    }

    @Test
    void whatIsWrittenIsReadBackThroughTheEnvelope() {
        Context published = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID,
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "opaque").build())));
        TraceContext trace = TraceContext.of(published);
        String json = EventCodec.encode(event(null, null));

        CloudEvent read = EventCodec.decode(trace.addTo(json));

        assertThat(read.traceparent()).isEqualTo(trace.traceparent());
        assertThat(read.tracestate()).isEqualTo("vendor=opaque");
        assertThat(Span.fromContext(TraceContext.parentOf(read)).getSpanContext().getSpanId()).isEqualTo(SPAN_ID);
    }

    @Test
    void anEventWithoutOrWithABrokenTraceparentStartsANewTrace() {
        assertThat(Span.fromContext(TraceContext.parentOf(event(null, null))).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceContext.parentOf(event("00-" + TRACE_ID + "-" + SPAN_ID, null)))
                .getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceContext.parentOf(
                event("00-00000000000000000000000000000000-" + SPAN_ID + "-01", null))).getSpanContext().isValid())
                .isFalse();
    }

    private static CloudEvent event(String traceparent, String tracestate) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, "event-1", "/vigil/test", "uk.vigil.incident-opened.v1", null,
                "incident-1", CloudEvent.JSON, "trust-1", "school-1", "alert-1", traceparent, tracestate,
                EventCodec.mapper().createObjectNode());
    }
}
