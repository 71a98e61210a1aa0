package io.vigil.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.testing.NotifyServer;
import io.vigil.testing.SmtpOutage;
import io.vigil.testing.VigilStack;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Notification's tests run on the build's shared real stack (Kafka, PostgreSQL, Keycloak, SMTP), with
 * a relay in front of the SMTP server that a test can take down, and a local GOV.UK Notify stand-in
 * that answers text messages for the staff templates.
 */
public class NotificationTestStack implements QuarkusTestResourceLifecycleManager {

    public static final String OPENED_SMS_TEMPLATE = UUID.randomUUID().toString();
    public static final String ESCALATED_SMS_TEMPLATE = UUID.randomUUID().toString();
    private static NotifyServer notify;
    private static SmtpOutage smtp;

    /** The Notify stand-in the service under test talks to. */
    public static synchronized NotifyServer notifyServer() {
        if (notify == null) {
            notify = NotifyServer.start().smsTemplate(OPENED_SMS_TEMPLATE, "((body))")
                    .smsTemplate(ESCALATED_SMS_TEMPLATE, "((body))");
        }
        return notify;
    }

    /** The relay between the service under test and the real SMTP server, which a test may take down. */
    public static synchronized SmtpOutage smtp() {
        if (smtp == null) {
            smtp = SmtpOutage.relayTo(VigilStack.endpoints().smtpHost(), VigilStack.endpoints().smtpPort());
        }
        return smtp;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(VigilStack.endpoints().quarkusConfig("notification"));
        config.put("quarkus.mailer.port", Integer.toString(smtp().port()));
        NotifyServer server = notifyServer();
        config.put("vigil.notification.notify.base-url", server.baseUrl().toString());
        config.put("vigil.notification.notify.api-key", server.apiKey());
        config.put("vigil.notification.notify.templates.\"staff-incident-opened.v1\".sms", OPENED_SMS_TEMPLATE);
        config.put("vigil.notification.notify.templates.\"staff-incident-escalated.v1\".sms", ESCALATED_SMS_TEMPLATE);
        config.put("vigil.notification.retry-interval", "1s");
        return config;
    }

    @Override
    public void stop() {
        // The Notify stand-in lives as long as the test JVM, like the shared stack.
    }
}
