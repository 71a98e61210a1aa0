package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for GOV.UK Notify's v2 API ({@code POST /v2/notifications/sms} and
 * {@code /v2/notifications/email}) that the official client can talk to. It checks what Notify checks
 * before it accepts a message: the client's JWT (HS256 with the key's secret, {@code iss} the service
 * id, {@code iat} within 30 seconds), a UK mobile number or a plausible e-mail address, a known
 * template of the right type and every placeholder personalised. It answers with Notify's response
 * and error shapes, records what it accepted, and lets a test script the next answers (an outage, a
 * rate limit, a slow reply) before behaving normally again.
 */
public final class NotifyServer extends LoopbackServer {

    /** Notify's allowed clock difference between the client's {@code iat} and its own time. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(30);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\(\\(([^()]+)\\)\\)");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@.]{2,}$");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s()\\-+]");

    /** What Notify accepted: one text message or e-mail, with its placeholders filled in. */
    public record Notification(String id, String type, String recipient, String templateId,
            Map<String, String> personalisation, String reference, String subject, String body) {
    }

    private record Template(String type, String subject, String body) {
    }

    /** A scripted answer; status 0 delays and then answers normally. */
    private record Scripted(int status, String error, String message, Duration delay) {
    }

    private final UUID serviceId = UUID.randomUUID();
    private final String secret = UUID.randomUUID().toString();
    private final Map<String, Template> templates = new ConcurrentHashMap<>();
    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Notification> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Clock clock = Clock.systemUTC();

    private NotifyServer() {
        super("vigil-notify-server");
        route("/v2/notifications/", this::handle);
    }

    /** Starts a server for a new Notify service with one live API key. */
    public static NotifyServer start() {
        return listening(new NotifyServer());
    }

    /** The service's API key, in Notify's form {@code {key_name}-{service_id}-{secret_key}}. */
    public String apiKey() {
        return "vigil_test-" + serviceId + "-" + secret;
    }

    public UUID serviceId() {
        return serviceId;
    }

    /** Adds a text message template; {@code ((name))} placeholders must be personalised. */
    public NotifyServer smsTemplate(String templateId, String body) {
        templates.put(templateId, new Template("sms", null, body));
        return this;
    }

    /** Adds an e-mail template; placeholders may appear in the subject and the body. */
    public NotifyServer emailTemplate(String templateId, String subject, String body) {
        templates.put(templateId, new Template("email", subject, body));
        return this;
    }

    /**
     * Answers the next request with Notify's error shape, e.g. {@code (500, "Exception", "Internal server
     * error")} or {@code (429, "RateLimitError", "Exceeded rate limit ...")}; calls queue up in order.
     */
    public NotifyServer failNext(int status, String error, String message) {
        script.add(new Scripted(status, error, message, Duration.ZERO));
        return this;
    }

    /** Holds the next request for {@code delay} before answering it normally, as an overloaded Notify might. */
    public NotifyServer delayNext(Duration delay) {
        script.add(new Scripted(0, null, null, delay));
        return this;
    }

    /** The clock that {@code iat} is checked against, to test a client whose clock is wrong. */
    public NotifyServer useClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Every message accepted, oldest first. */
    public List<Notification> accepted() {
        return List.copyOf(accepted);
    }

    /** The accepted text messages. */
    public List<Notification> sms() {
        return accepted.stream().filter(n -> n.type().equals("sms")).toList();
    }

    /** The accepted e-mails. */
    public List<Notification> emails() {
        return accepted.stream().filter(n -> n.type().equals("email")).toList();
    }

    /** How many requests arrived, accepted or not. */
    public int requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Scripted next = script.poll();
        if (next != null) {
            pause(next.delay());
            if (next.status() != 0) {
                error(exchange, next.status(), next.error(), next.message());
                return;
            }
        }
        String authError = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (authError != null) {
            error(exchange, authError.startsWith("Unauthorized") ? 401 : 403, "AuthError", authError);
            return;
        }
        String type = exchange.getRequestURI().getPath().substring("/v2/notifications/".length());
        if (!"POST".equals(exchange.getRequestMethod()) || !(type.equals("sms") || type.equals("email"))) {
            error(exchange, 405, "MethodNotAllowedError", "This stand-in only sends text messages and e-mails");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            error(exchange, 400, "BadRequestError", "Invalid JSON supplied in POST data");
            return;
        }
        send(exchange, type, body);
    }

    private void send(HttpExchange exchange, String type, JsonNode body) throws IOException {
        String recipientField = type.equals("sms") ? "phone_number" : "email_address";
        String recipient = body.path(recipientField).asText("");
        String templateId = body.path("template_id").asText("");
        if (recipient.isEmpty() || templateId.isEmpty()) {
            error(exchange, 400, "ValidationError",
                    (recipient.isEmpty() ? recipientField : "template_id") + " is a required property");
            return;
        }
        if (!isUuid(templateId)) {
            error(exchange, 400, "ValidationError", "template_id is not a valid UUID");
            return;
        }
        String invalid = type.equals("sms") ? ukMobileProblem(recipient)
                : EMAIL.matcher(recipient).matches() ? null : "Not a valid email address";
        if (invalid != null) {
            error(exchange, 400, "ValidationError", recipientField + " " + invalid);
            return;
        }
        Template template = templates.get(templateId);
        if (template == null) {
            error(exchange, 400, "BadRequestError", "Template not found");
            return;
        }
        if (!template.type().equals(type)) {
            error(exchange, 400, "BadRequestError", template.type() + " template is not suitable for " + type
                    + " notification");
            return;
        }
        Map<String, String> personalisation = new LinkedHashMap<>();
        body.path("personalisation").fields().forEachRemaining(f -> personalisation.put(f.getKey(), f.getValue().asText()));
        List<String> missing = new ArrayList<>();
        String subject = template.subject() == null ? null : fill(template.subject(), personalisation, missing);
        String text = fill(template.body(), personalisation, missing);
        if (!missing.isEmpty()) {
            error(exchange, 400, "BadRequestError", "Missing personalisation: " + String.join(", ", missing));
            return;
        }
        String reference = body.hasNonNull("reference") ? body.get("reference").asText() : null;
        Notification notification = new Notification(UUID.randomUUID().toString(), type, recipient, templateId,
                Map.copyOf(personalisation), reference, subject, text);
        accepted.add(notification);
        respond(exchange, 201, created(notification).toString());
    }

    private ObjectNode created(Notification notification) {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", notification.id());
        response.put("reference", notification.reference());
        ObjectNode content = response.putObject("content");
        content.put("body", notification.body());
        if (notification.type().equals("sms")) {
            content.put("from_number", "VIGIL");
        } else {
            content.put("subject", notification.subject());
            content.put("from_email", "vigil@notifications.service.gov.uk");
            content.putNull("one_click_unsubscribe_url");
        }
        response.put("uri", baseUrl() + "/v2/notifications/" + notification.id());
        ObjectNode template = response.putObject("template");
        template.put("id", notification.templateId());
        template.put("version", 1);
        template.put("uri", baseUrl() + "/services/" + serviceId + "/templates/" + notification.templateId());
        return response;
    }

    /** Null when the token is Notify's; otherwise Notify's words for what is wrong with it. */
    private String authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "Unauthorized: authentication token must be provided";
        }
        String[] parts = authorization.substring("Bearer ".length()).strip().split("\\.");
        if (parts.length != 3) {
            return "Invalid token: not a JWT";
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return "Invalid token: not a JWT";
        }
        if (!"HS256".equals(header.path("alg").asText())) {
            return "Invalid token: algorithm used is not HS256";
        }
        if (!serviceId.toString().equals(claims.path("iss").asText())) {
            return "Invalid token: service not found";
        }
        byte[] expected = Base64.getUrlEncoder().withoutPadding()
                .encode(hmacSha256(secret, parts[0] + "." + parts[1]));
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return "Invalid token: API key not found";
        }
        if (!claims.path("iat").canConvertToLong()) {
            return "Invalid token: iat field not provided";
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - claims.get("iat").asLong());
        if (skew > CLOCK_TOLERANCE.toSeconds()) {
            return "Error: Your system clock must be accurate to within 30 seconds";
        }
        return null;
    }

    /**
     * Notify's check of a UK mobile number: digits with optional spaces, brackets, dashes and a
     * leading {@code +}; {@code 07…}, {@code 447…} or {@code +447…}; ten digits after the prefix.
     */
    static String ukMobileProblem(String phoneNumber) {
        String digits = PHONE_PUNCTUATION.matcher(phoneNumber).replaceAll("");
        if (!digits.chars().allMatch(Character::isDigit)) {
            return "Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -";
        }
        String national = digits.startsWith("0044") ? digits.substring(4)
                : digits.startsWith("44") ? digits.substring(2)
                : digits.startsWith("0") ? digits.substring(1) : digits;
        if (!national.startsWith("7")) {
            return "Not a UK mobile number";
        }
        if (national.length() > 10) {
            return "Too many digits";
        }
        return national.length() < 10 ? "Not enough digits" : null;
    }

    private static String fill(String template, Map<String, String> personalisation, List<String> missing) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1).strip();
            String value = personalisation.get(name);
            if (value == null && !missing.contains(name)) {
                missing.add(name);
            }
            placeholder.appendReplacement(text, Matcher.quoteReplacement(value == null ? "" : value));
        }
        return placeholder.appendTail(text).toString();
    }

    private static void error(HttpExchange exchange, int status, String error, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status_code", status);
        body.putArray("errors").addObject().put("error", error).put("message", message);
        respond(exchange, status, body.toString());
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
