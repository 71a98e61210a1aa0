package io.vigil.system;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector inside the test: accepts OTLP/HTTP protobuf exports at {@code /v1/traces} on a free
 * loopback port and keeps every span it is sent, with the {@code service.name} of its resource.
 */
final class OtlpCollector implements AutoCloseable {

    /** A span as exported, its ids in lower-case hex (the parent's null for a root). */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Span.SpanKind kind, long startNanos, Map<String, String> attributes) {

        String attribute(String key) {
            return attributes.get(key);
        }

        @Override
        public String toString() {
            return service + " '" + name + "' " + kind + " trace " + traceId + " span " + spanId + " parent "
                    + parentSpanId + " " + attributes;
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "otlp-collector");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback port for the trace collector", e);
        }
        server.setExecutor(handlers);
        server.createContext("/v1/traces", this::export);
    }

    static OtlpCollector start() {
        OtlpCollector collector = new OtlpCollector();
        collector.server.start();
        return collector;
    }

    /** The base URL an OTLP/HTTP exporter is given; it sends to {@code /v1/traces} under it. */
    String endpoint() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    Optional<ReceivedSpan> find(Predicate<ReceivedSpan> matching) {
        return spans.stream().filter(matching).findFirst();
    }

    List<ReceivedSpan> inTrace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            }
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId()), hex(span.getSpanId()),
                                span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()), span.getName(),
                                span.getKind(), span.getStartTimeUnixNano(), attributes(span.getAttributesList())));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            values.put(attribute.getKey(), text(attribute.getValue()));
        }
        return values;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
