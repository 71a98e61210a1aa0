package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.vigil.system.OtlpCollector.ReceivedSpan;
import io.vigil.testing.Mailbox;
import io.vigil.testing.Tokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One alert is one trace across the four services, each in its own process on the real stack,
 * exporting to a collector inside the test: intake's request, triage's processing of the alert (the
 * incident opened there, its IncidentOpened published later by the outbox relay), notification's
 * processing of that event and the e-mail it sent, and reporting's projection of it. Every hop is
 * checked by the parent of the span after it, so a hop that loses the context fails the test.
 */
class TraceAcrossServicesIT {

    private static final Duration SPANS_WITHIN = Duration.ofSeconds(60);
    private static OtlpCollector collector;
    private static Fleet services;

    @BeforeAll
    static void startServices() {
        collector = OtlpCollector.start();
        services = Fleet.start(Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint(),
                // Spans reach the collector soon after they end, not after the default 5 s.
                "quarkus.otel.bsp.schedule.delay", "200ms"));
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void oneAlertIsOneTraceFromIntakeThroughTriageToNotificationAndReporting() throws Exception {
        String eventId = "e2e-trace-" + UUID.randomUUID();
        HttpResponse<String> accepted = services.postAlert(Fleet.NORTH_KEY, eventId);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String alertId = alertIdIn(accepted.body());
        String token = Tokens.password("north.dsl");
        String incidentId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> services.incidentIdsFor(eventId, token).stream().findFirst().orElse(null), id -> id != null);
        services.assertNotSilenced(incidentId, token);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(
                () -> !Mailbox.messagesFor("north.dsl@demo.vigil.test", incidentId).isEmpty());

        ReceivedSpan triaged = span("triage's processing of the alert", s -> "triage".equals(s.service())
                && "triage.alerts process".equals(s.name()) && alertId.equals(s.attribute("messaging.message.id")));
        String traceId = triaged.traceId();
        ReceivedSpan request = span("intake's request that published the alert (triage's parent)",
                s -> "intake".equals(s.service()) && s.spanId().equals(triaged.parentSpanId()));
        ReceivedSpan notified = span("notification's processing of IncidentOpened", s -> "notification".equals(s.service())
                && "notification.incidents process".equals(s.name()) && openedOf(incidentId).test(s));
        ReceivedSpan emailed = span("notification's e-mail", s -> "notification".equals(s.service())
                && "send email".equals(s.name()) && incidentId.equals(s.attribute("vigil.incident.id")));
        ReceivedSpan projected = span("reporting's projection of IncidentOpened", s -> "reporting".equals(s.service())
                && "reporting.incidents process".equals(s.name()) && openedOf(incidentId).test(s));

        String seen = "spans of trace " + traceId + ":\n" + describe(collector.inTrace(traceId));
        assertThat(request.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(request.name()).contains("/api/v1/alerts");
        assertThat(request.traceId()).as(seen).isEqualTo(traceId);
        // Each hop's span is a child of the span that published what it consumed.
        assertThat(notified.traceId()).as("IncidentOpened through the outbox; " + seen).isEqualTo(traceId);
        assertThat(notified.parentSpanId()).as(seen).isEqualTo(triaged.spanId());
        assertThat(projected.traceId()).as("IncidentOpened in reporting; " + seen).isEqualTo(traceId);
        assertThat(projected.parentSpanId()).as(seen).isEqualTo(triaged.spanId());
        assertThat(emailed.traceId()).as("the e-mail; " + seen).isEqualTo(traceId);
        assertThat(emailed.parentSpanId()).as(seen).isEqualTo(notified.spanId());
        // In causal order: intake, then triage, then notification (and reporting after triage).
        assertThat(request.startNanos()).isLessThanOrEqualTo(triaged.startNanos());
        assertThat(triaged.startNanos()).isLessThanOrEqualTo(notified.startNanos());
        assertThat(notified.startNanos()).isLessThanOrEqualTo(emailed.startNanos());
        assertThat(triaged.startNanos()).isLessThanOrEqualTo(projected.startNanos());

        List<ReceivedSpan> trace = collector.inTrace(traceId);
        assertThat(trace).extracting(ReceivedSpan::service).contains("intake", "triage", "notification", "reporting");
        // The learner's user name and the site visited stay out of traces.
        assertThat(trace).flatExtracting(s -> List.copyOf(s.attributes().values()))
                .noneMatch(value -> value.contains("pupil-e2e") || value.contains("casino"));
    }

    /** The first span {@code matching}, waiting for it to be exported. */
    private static ReceivedSpan span(String what, Predicate<ReceivedSpan> matching) {
        return await(what).atMost(SPANS_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> collector.find(matching).orElse(null), found -> found != null);
    }

    private static Predicate<ReceivedSpan> openedOf(String incidentId) {
        return s -> incidentId.equals(s.attribute("vigil.subject.id"))
                && "uk.vigil.incident-opened.v1".equals(s.attribute("vigil.event.type"));
    }

    private static String alertIdIn(String accepted) {
        Matcher matcher = Pattern.compile("\"alertId\"\\s*:\\s*\"([^\"]+)\"").matcher(accepted);
        assertThat(matcher.find()).as("alert id in " + accepted).isTrue();
        return matcher.group(1);
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n"));
    }
}
