package io.vigil.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local receiver for the webhooks Vigil calls (a Teams incoming webhook, a school's own endpoint).
 * It records every request with its headers and exact body bytes, so a test can verify the signature
 * the way the real receiver would, and answers 200 unless a test scripted other answers for the next
 * requests (a 500, a 404, a slow reply).
 */
public final class WebhookReceiver extends LoopbackServer {

    /** A request as it arrived; header names are case-insensitive. */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Scripted(int status, Duration delay) {
    }

    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver() {
        super("vigil-webhook-receiver");
        route("/", this::handle);
    }

    public static WebhookReceiver start() {
        return listening(new WebhookReceiver());
    }

    /** The URL of a hook at {@code path} (e.g. {@code /teams/north}) on this receiver. */
    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    /** Answers the next request with {@code status}; calls queue up in order. */
    public WebhookReceiver respondNext(int status) {
        script.add(new Scripted(status, Duration.ZERO));
        return this;
    }

    /** Holds the next request for {@code delay} before answering 200. */
    public WebhookReceiver delayNext(Duration delay) {
        script.add(new Scripted(200, delay));
        return this;
    }

    /** Every request so far, oldest first, whatever it was answered. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers, exchange.getRequestBody().readAllBytes()));
        Scripted next = script.poll();
        Scripted answer = next == null ? new Scripted(200, Duration.ZERO) : next;
        pause(answer.delay());
        respond(exchange, answer.status(), answer.status() < 300 ? "{}" : "{\"error\":\"scripted\"}");
    }
}
