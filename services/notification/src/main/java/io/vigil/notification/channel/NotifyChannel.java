package io.vigil.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;

/**
 * Sends one text message or e-mail through GOV.UK Notify with its official client. The Vigil
 * notification id goes as Notify's {@code reference}, so Notify's delivery reports match the ledger
 * row. Notify's 429 and 5xx answers, an unreachable Notify and a slow one are transient; its other
 * 4xx answers (an invalid number or address, a bad key, an unknown template) are permanent.
 *
 * <p>The client sets no timeouts on its connections, so each call runs on a thread of its own and the
 * caller stops waiting after {@link NotifyConfig#timeout()}.
 */
@ApplicationScoped
public class NotifyChannel {

    /** How a message reaches its recipient through Notify. */
    public enum Medium {
        SMS("text message"),
        EMAIL("e-mail");

        private final String words;

        Medium(String words) {
            this.words = words;
        }
    }

    private static final Pattern API_KEY = Pattern.compile(".+-[0-9a-fA-F-]{36}-[0-9a-fA-F-]{36}");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d[\\d ]{8,}\\d");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotifyConfig config;
    private NotificationClient client;
    private ExecutorService calls;

    /** For the CDI client proxy only. */
    protected NotifyChannel() {
    }

    /** @throws IllegalArgumentException when an API key is set but is not of Notify's form */
    @Inject
    public NotifyChannel(NotifyConfig config) {
        this.config = config;
        this.client = config.apiKey().filter(key -> !key.isBlank()).map(key -> {
            if (!API_KEY.matcher(key.strip()).matches()) {
                throw new IllegalArgumentException("vigil.notification.notify.api-key is not a GOV.UK Notify API key: "
                        + "expected {key_name}-{service_id}-{secret_key}");
            }
            // The four-argument constructor leaves the JVM's default TLS settings alone.
            return new NotificationClient(key.strip(), config.baseUrl(), null, null);
        }).orElse(null);
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "vigil-notify-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }

    /** Sends a text message of the given kind (the ledger's template id) to a UK mobile number. */
    public DeliveryOutcome sendSms(UUID notificationId, String messageKind, String phoneNumber,
            Map<String, String> personalisation) {
        return send(Medium.SMS, notificationId, messageKind, phoneNumber, personalisation);
    }

    /** Sends an e-mail of the given kind (the ledger's template id) through Notify. */
    public DeliveryOutcome sendEmail(UUID notificationId, String messageKind, String emailAddress,
            Map<String, String> personalisation) {
        return send(Medium.EMAIL, notificationId, messageKind, emailAddress, personalisation);
    }

    /**
     * Sends one message; {@code personalisation} fills the Notify template's {@code ((placeholders))}.
     * Never throws for a failed send: the outcome says what happened and whether to try again.
     */
    public DeliveryOutcome send(Medium medium, UUID notificationId, String messageKind, String address,
            Map<String, String> personalisation) {
        String to = medium.words + " to " + masked(address);
        if (client == null) {
            return new DeliveryOutcome.Permanent("GOV.UK Notify is not configured (vigil.notification.notify.api-key), "
                    + "so the " + to + " cannot be sent");
        }
        Optional<String> templateId = Optional.ofNullable(config.templates().get(messageKind))
                .flatMap(templates -> medium == Medium.SMS ? templates.sms() : templates.email());
        if (templateId.isEmpty()) {
            return new DeliveryOutcome.Permanent("No GOV.UK Notify " + medium.words + " template is configured for "
                    + messageKind + " (vigil.notification.notify.templates)");
        }
        Map<String, String> values = personalisation == null ? Map.of() : personalisation;
        String reference = notificationId.toString();
        Future<UUID> call = calls.submit(() -> medium == Medium.SMS
                ? client.sendSms(templateId.get(), address, values, reference).getNotificationId()
                : client.sendEmail(templateId.get(), address, values, reference).getNotificationId());
        try {
            return new DeliveryOutcome.Sent(call.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS).toString());
        } catch (TimeoutException e) {
            call.cancel(true);
            return new DeliveryOutcome.Transient("GOV.UK Notify did not answer within "
                    + config.timeout().toMillis() + " ms for the " + to + " (it may still send it)");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Transient("Sending the " + to + " through GOV.UK Notify was interrupted");
        } catch (ExecutionException e) {
            return outcome(e.getCause(), to, address, values);
        }
    }

    private static DeliveryOutcome outcome(Throwable failure, String to, String address, Map<String, String> values) {
        if (!(failure instanceof NotificationClientException refused)) {
            return new DeliveryOutcome.Transient("GOV.UK Notify's answer about the " + to + " could not be read ("
                    + failure.getClass().getSimpleName() + "); it may have sent it");
        }
        int status = refused.getHttpResult();
        if (status == 0) {
            Throwable cause = refused.getCause() == null ? refused : refused.getCause();
            return new DeliveryOutcome.Transient("GOV.UK Notify could not be reached for the " + to + " ("
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
        }
        String details = redact(notifyErrors(status, refused.getMessage()), address, values);
        if (status == 429 || status >= 500) {
            return new DeliveryOutcome.Transient("GOV.UK Notify could not take the " + to + " now (" + details + ")");
        }
        String hint = status == 401 || status == 403
                ? "; check vigil.notification.notify.api-key and this server's clock" : "";
        return new DeliveryOutcome.Permanent("GOV.UK Notify refused the " + to + " (" + details + ")" + hint);
    }

    /**
     * Notify's errors in words, e.g. {@code HTTP 400 ValidationError: phone_number Not a UK mobile number}.
     * The client's message is {@code Status code: <status> <body>}; a body that is not Notify's error
     * shape (a proxy's page) is left out rather than copied into the ledger.
     */
    static String notifyErrors(int status, String clientMessage) {
        String prefix = "Status code: " + status + " ";
        String body = clientMessage != null && clientMessage.startsWith(prefix)
                ? clientMessage.substring(prefix.length()) : "";
        List<String> errors = new ArrayList<>();
        try {
            for (JsonNode error : JSON.readTree(body).path("errors")) {
                errors.add(error.path("error").asText("Error") + ": " + error.path("message").asText(""));
            }
        } catch (IOException e) {
            // Not Notify's JSON: only the status is worth keeping.
        }
        return errors.isEmpty() ? "HTTP " + status + ", no GOV.UK Notify error in the answer"
                : "HTTP " + status + " " + String.join("; ", errors);
    }

    /** Takes the recipient and the message's values out of text that came back from Notify. */
    private static String redact(String text, String address, Map<String, String> values) {
        String clean = text;
        if (address != null && !address.isBlank()) {
            clean = clean.replace(address, masked(address));
        }
        for (String value : values.values()) {
            if (value != null && value.length() > 3) {
                clean = clean.replace(value, "[redacted]");
            }
        }
        return LONG_NUMBER.matcher(clean).replaceAll(number -> masked(number.group()));
    }

    /**
     * An address as the ledger may show it: an e-mail keeps its first character and its domain
     * ({@code j***@north.sch.uk}), a phone number its last three digits ({@code *******123}).
     */
    static String masked(String address) {
        if (address == null || address.isBlank()) {
            return "(no address)";
        }
        int at = address.lastIndexOf('@');
        if (at > 0) {
            return address.charAt(0) + "***" + address.substring(at).toLowerCase(Locale.ROOT);
        }
        String digits = address.replaceAll("\\D", "");
        return digits.length() <= 3 ? "***" : "*".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
    }
}
