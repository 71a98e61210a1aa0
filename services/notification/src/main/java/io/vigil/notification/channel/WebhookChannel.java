package io.vigil.notification.channel;

import io.vigil.common.signing.RequestSignatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Posts one alert to a webhook, signed like the requests appliances send to intake:
 * {@code X-Vigil-Timestamp} and {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 * A 2xx answer is sent; 408, 429, 5xx, an unreachable or slow receiver are transient; any other
 * answer (404, 401, a redirect) is permanent, because the same request will get the same answer.
 */
@ApplicationScoped
public class WebhookChannel {

    /** The ledger's id for the message, so a receiver can drop a repeat after a retry. */
    public static final String NOTIFICATION_ID_HEADER = "X-Vigil-Notification-Id";

    /** Response headers that carry the receiver's own id for a request, in order of preference. */
    private static final List<String> RECEIVER_IDS = List.of("x-ms-workflow-run-id", "request-id", "x-request-id");

    private WebhookConfig config;
    private Clock clock;
    private HttpClient http;

    /** For the CDI client proxy only. */
    protected WebhookChannel() {
    }

    @Inject
    public WebhookChannel(WebhookConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends the alert; never throws for a failed send, the outcome says what happened. */
    public DeliveryOutcome send(WebhookTarget target, WebhookAlert alert) {
        String where = (target.format() == WebhookTarget.Format.TEAMS ? "the Teams webhook" : "the webhook")
                + " at " + target.host();
        if (!acceptable(target.url())) {
            return new DeliveryOutcome.Permanent(where + " is not an https URL (plain http is only for this machine)");
        }
        byte[] body = WebhookBodies.body(target.format(), alert);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(RequestSignatures.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(RequestSignatures.SIGNATURE_HEADER, RequestSignatures.sign(target.secret(), timestamp, body))
                .header(NOTIFICATION_ID_HEADER, alert.notificationId().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            return new DeliveryOutcome.Transient(where + " did not accept a connection within "
                    + config.connectTimeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new DeliveryOutcome.Transient(where + " did not answer within " + config.timeout().toMillis()
                    + " ms (it may still have taken the alert)");
        } catch (IOException e) {
            return new DeliveryOutcome.Transient(where + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Transient("Sending to " + where + " was interrupted");
        }
        return outcome(response, where, alert);
    }

    private static DeliveryOutcome outcome(HttpResponse<Void> response, String where, WebhookAlert alert) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Sent(RECEIVER_IDS.stream()
                    .flatMap(name -> response.headers().firstValue(name).stream())
                    .findFirst()
                    .orElse(alert.notificationId().toString()));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryOutcome.Transient(where + " answered HTTP " + status);
        }
        String why = status >= 300 && status < 400 ? " (a webhook is never redirected; update its URL)" : "";
        return new DeliveryOutcome.Permanent(where + " answered HTTP " + status + why);
    }

    /**
     * HTTPS, or plain HTTP to this machine only (a local receiver, a test). The one rule for a webhook's
     * URL: checked when a destination is registered and again before every request.
     */
    public static boolean acceptable(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return url.getHost() != null;
        }
        if (!scheme.equals("http") || url.getHost() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(url.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
