package io.vigil.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventSpansTest {

    private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final EventSpans spans = new EventSpans(provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void anEventsSpanIsAChildOfTheSpanThatPublishedItAndNamesNoPerson() {
        CloudEvent event = event("e-1", TRACE_A, "uk.vigil.incident-opened.v1");

        spans.start("notification.incidents", event).end();

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("notification.incidents process");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE_A);
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getAttributes().get(EventSpans.MESSAGE_ID)).isEqualTo("e-1");
        assertThat(span.getAttributes().get(EventSpans.SCHOOL)).isEqualTo("school-1");
        assertThat(span.getAttributes().get(EventSpans.SUBJECT)).isEqualTo("subject-e-1");
    }

    @Test
    void aDirectoryEventsSubjectIsAPersonAndIsNotRecorded() {
        spans.start("triage.directory", event("e-1", TRACE_A, "uk.vigil.learner-updated.v1")).end();

        assertThat(exported.getFinishedSpanItems().get(0).getAttributes().get(EventSpans.SUBJECT)).isNull();
    }

    @Test
    void whileAPollIsHandledEachEventsSpanIsCurrentForTheWorkOnThatEvent() {
        List<CloudEvent> poll = List.of(event("e-1", TRACE_A, "uk.vigil.alert-received.v1"),
                event("e-2", TRACE_B, "uk.vigil.alert-received.v1"));
        List<Span> started = spans.startAll("triage.alerts", poll);

        List<TraceContext> published = EventSpans.handling(poll, started, () -> poll.stream().map(event -> {
            try (Scope scope = EventSpans.activate(event)) {
                return TraceContext.current();
            }
        }).toList());
        EventSpans.endAll(started, null);

        assertThat(published).extracting(TraceContext::traceparent).containsExactly(
                "00-" + TRACE_A + "-" + started.get(0).getSpanContext().getSpanId() + "-01",
                "00-" + TRACE_B + "-" + started.get(1).getSpanContext().getSpanId() + "-01");
        assertThat(TraceContext.current()).isNull();
        assertThat(exported.getFinishedSpanItems()).hasSize(2);
    }

    @Test
    void outsideAPollActivatingChangesNothing() {
        CloudEvent event = event("e-1", TRACE_A, "uk.vigil.alert-received.v1");
        Span alone = spans.start("triage.notifications", event);

        try (Scope current = alone.makeCurrent(); Scope scope = EventSpans.activate(event)) {
            assertThat(Span.current()).isSameAs(alone);
        }
        alone.end();
    }

    @Test
    void aFailedPollMarksItsSpansFailedWithoutTheMessage() {
        List<CloudEvent> poll = List.of(event("e-1", TRACE_A, "uk.vigil.alert-received.v1"));

        EventSpans.endAll(spans.startAll("triage.alerts", poll), new IllegalStateException("pupil name here"));

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException");
        assertThat(span.getEvents()).isEmpty();
    }

    private static CloudEvent event(String id, String traceId, String type) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, id, "/vigil/test", type, null, "subject-" + id, CloudEvent.JSON,
                "trust-1", "school-1", "alert-1", "00-" + traceId + "-00f067aa0ba902b7-01", null,
                EventCodec.mapper().createObjectNode());
    }
}
