package io.vigil.notification.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** GOV.UK Notify, for text messages and e-mail ({@code vigil.notification.notify.*}). */
@ConfigMapping(prefix = "vigil.notification.notify")
public interface NotifyConfig {

    /**
     * The service's API key, {@code {key_name}-{service_id}-{secret_key}} (two UUIDs at the end). A secret:
     * set it from the environment, never in a file. Without it, messages for Notify fail permanently
     * with a reason that says so.
     */
    Optional<String> apiKey();

    /**
     * The bearer token GOV.UK Notify sends with its delivery receipts (the callback's "bearer token" in
     * the Notify service's settings). A secret: set it from the environment. Without it every receipt is
     * refused, and text messages stay {@code sent} (accepted by Notify) in the ledger.
     */
    Optional<String> callbackToken();

    /** Notify's API; a test points it at a local stand-in. */
    @WithDefault("https://api.notifications.service.gov.uk")
    String baseUrl();

    /**
     * How long to wait for Notify to answer one message. After that the attempt counts as transient;
     * Notify may still have accepted it, so a retry can send it twice (at least once, never lost).
     */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Notify's template ids per kind of Vigil message, keyed by the ledger's template id, e.g.
     * {@code vigil.notification.notify.templates."staff-incident-opened.v1".sms=<uuid>}.
     */
    Map<String, Templates> templates();

    /** The Notify templates of one kind of message. */
    interface Templates {

        /** The text message template id, if this kind of message goes out by SMS. */
        Optional<String> sms();

        /** The e-mail template id, if this kind of message goes out by e-mail through Notify. */
        Optional<String> email();
    }
}
