package io.vigil.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.testing.TestServers;
import io.vigil.testing.VigilStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notification's tests run on the build's shared real stack (Kafka, PostgreSQL, Keycloak, SMTP), with
 * a relay in front of the SMTP server that a test can take down, and a local GOV.UK Notify stand-in
 * that answers text messages ({@link TestServers}).
 */
public class NotificationTestStack implements QuarkusTestResourceLifecycleManager {

    public static final String OPENED_SMS_TEMPLATE = "0d6f6a52-0e4b-4b8e-9a51-5f0a7c3e1a01";
    public static final String ESCALATED_SMS_TEMPLATE = "0d6f6a52-0e4b-4b8e-9a51-5f0a7c3e1a02";
    public static final String PARENT_SMS_TEMPLATE = "0d6f6a52-0e4b-4b8e-9a51-5f0a7c3e1a03";
    /** The bearer token the tests' Notify sends with delivery receipts (a test value, not a secret). */
    public static final String NOTIFY_CALLBACK_TOKEN = "test-notify-callback-token";

    /** A text message the Notify stand-in accepted. */
    public record Text(String id, String recipient, String body) {
    }

    @Override
    public Map<String, String> start() {
        TestServers.SmtpControl smtp = TestServers.smtp(VigilStack.endpoints().smtpHost(),
                VigilStack.endpoints().smtpPort());
        TestServers.NotifyControl notify = TestServers.notify(List.of(OPENED_SMS_TEMPLATE, ESCALATED_SMS_TEMPLATE,
                PARENT_SMS_TEMPLATE));
        Map<String, String> config = new HashMap<>(VigilStack.endpoints().quarkusConfig("notification"));
        config.put("quarkus.mailer.port", Integer.toString(smtp.getPort()));
        config.put("vigil.notification.notify.base-url", notify.getBaseUrl());
        config.put("vigil.notification.notify.api-key", notify.getApiKey());
        config.put("vigil.notification.notify.templates.\"staff-incident-opened\".sms", OPENED_SMS_TEMPLATE);
        config.put("vigil.notification.notify.templates.\"staff-incident-escalated\".sms", ESCALATED_SMS_TEMPLATE);
        config.put("vigil.notification.notify.templates.\"parent-filtering-breach\".sms", PARENT_SMS_TEMPLATE);
        config.put("vigil.notification.notify.callback-token", NOTIFY_CALLBACK_TOKEN);
        config.put("vigil.notification.retry-interval", "1s");
        return config;
    }

    @Override
    public void stop() {
        // The servers live as long as the test JVM, like the shared stack.
    }

    /** Stops the SMTP server as the service sees it: connections refused, open ones cut. */
    public static void smtpDown() {
        TestServers.smtp().down();
    }

    public static void smtpUp() {
        TestServers.smtp().up();
    }

    /** Makes the Notify stand-in answer the next request with an error of Notify's shape. */
    public static void notifyFailsNext(int status, String error, String message) {
        TestServers.notifyServer().failNext(status, error, message);
    }

    /** The text messages Notify accepted, oldest first. */
    public static List<Text> texts() {
        return TestServers.notifyServer().getTexts().stream().map(t -> new Text(t[0], t[1], t[2])).toList();
    }
}
