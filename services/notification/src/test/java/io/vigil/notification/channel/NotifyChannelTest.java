package io.vigil.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notification.channel.DeliveryOutcome.Permanent;
import io.vigil.notification.channel.DeliveryOutcome.Sent;
import io.vigil.notification.channel.DeliveryOutcome.Transient;
import io.vigil.testing.NotifyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifyChannelTest {

    private static final String KIND = "staff-incident-opened.v1";
    private static final String SMS_TEMPLATE = "1d5ad4a4-7e0c-4d3e-9a3c-1f6f0bb3e001";
    private static final String EMAIL_TEMPLATE = "1d5ad4a4-7e0c-4d3e-9a3c-1f6f0bb3e002";
    private static final String MOBILE = "07700 900123";
    private static final Map<String, String> VALUES = Map.of("school", "North Academy", "severity", "high",
            "link", "https://vigil.test/cases/inc-1");

    private NotifyServer notify;
    private NotifyChannel channel;

    @BeforeEach
    void startNotify() {
        notify = NotifyServer.start()
                .smsTemplate(SMS_TEMPLATE, "Vigil: ((severity)) incident at ((school)). Open ((link))")
                .emailTemplate(EMAIL_TEMPLATE, "Vigil: ((severity)) incident at ((school))", "Open the case: ((link))");
        channel = channel(notify.apiKey(), notify.baseUrl().toString(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopNotify() {
        channel.close();
        notify.close();
    }

    @Test
    void sendsATextMessageWithTheNotificationIdAsReference() {
        UUID id = UUID.randomUUID();

        DeliveryOutcome outcome = channel.sendSms(id, KIND, MOBILE, VALUES);

        assertThat(notify.sms()).singleElement().satisfies(sms -> {
            assertThat(outcome).isEqualTo(new Sent(sms.id()));
            assertThat(sms.reference()).isEqualTo(id.toString());
            assertThat(sms.recipient()).isEqualTo(MOBILE);
            assertThat(sms.templateId()).isEqualTo(SMS_TEMPLATE);
            assertThat(sms.body()).isEqualTo("Vigil: high incident at North Academy. Open https://vigil.test/cases/inc-1");
        });
    }

    @Test
    void aNotifyOutageIsTransientAndTheRetryIsSentOnce() {
        notify.failNext(500, "Exception", "Internal server error");
        UUID id = UUID.randomUUID();

        DeliveryOutcome first = channel.sendSms(id, KIND, MOBILE, VALUES);
        DeliveryOutcome retry = channel.sendSms(id, KIND, MOBILE, VALUES);

        assertThat(first).isInstanceOf(Transient.class);
        assertThat(((Transient) first).reason()).contains("HTTP 500 Exception: Internal server error");
        assertThat(retry).isInstanceOf(Sent.class);
        assertThat(notify.requestCount()).isEqualTo(2);
        assertThat(notify.sms()).singleElement().extracting(NotifyServer.Notification::reference)
                .isEqualTo(id.toString());
    }

    @Test
    void aNumberThatIsNotAUkMobileIsPermanentWithNotifysReasonAndAMaskedNumber() {
        DeliveryOutcome outcome = channel.sendSms(UUID.randomUUID(), KIND, "020 7946 0123", VALUES);

        assertThat(outcome).isInstanceOf(Permanent.class);
        assertThat(((Permanent) outcome).reason())
                .isEqualTo("GOV.UK Notify refused the text message to ********123 "
                        + "(HTTP 400 ValidationError: phone_number Not a UK mobile number)")
                .doesNotContain("7946");
        assertThat(notify.sms()).isEmpty();
    }

    @Test
    void whatNotifyEchoesBackIsRedacted() {
        notify.failNext(400, "BadRequestError", "Can't send to 07700900123: North Academy is in trial mode");

        DeliveryOutcome outcome = channel.sendSms(UUID.randomUUID(), KIND, "07700900123", VALUES);

        assertThat(((Permanent) outcome).reason()).contains("Can't send to ********123: [redacted] is in trial mode")
                .doesNotContain("07700900123").doesNotContain("North Academy");
    }

    @Test
    void aKeyWithTheWrongSecretIsRefusedByNotifyAndIsPermanent() {
        String wrongSecret = "vigil_test-" + notify.serviceId() + "-" + UUID.randomUUID();
        NotifyChannel wrongKey = channel(wrongSecret, notify.baseUrl().toString(), Duration.ofSeconds(5));
        try {
            DeliveryOutcome outcome = wrongKey.sendSms(UUID.randomUUID(), KIND, MOBILE, VALUES);

            assertThat(outcome).isInstanceOf(Permanent.class);
            assertThat(((Permanent) outcome).reason()).contains("HTTP 403 AuthError: Invalid token: API key not found")
                    .contains("check vigil.notification.notify.api-key");
            assertThat(notify.sms()).isEmpty();
        } finally {
            wrongKey.close();
        }
    }

    @Test
    void aTokenFromAClockMoreThanThirtySecondsOutIsRefused() {
        notify.useClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(45)));

        DeliveryOutcome outcome = channel.sendSms(UUID.randomUUID(), KIND, MOBILE, VALUES);

        assertThat(((Permanent) outcome).reason()).contains("HTTP 403 AuthError: Error: Your system clock must be "
                + "accurate to within 30 seconds");
        assertThat(notify.sms()).isEmpty();
    }

    @Test
    void aRateLimitIsTransient() {
        notify.failNext(429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds");

        DeliveryOutcome outcome = channel.sendSms(UUID.randomUUID(), KIND, MOBILE, VALUES);

        assertThat(outcome).isEqualTo(new Transient("GOV.UK Notify could not take the text message to ********123 now "
                + "(HTTP 429 RateLimitError: Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds)"));
        assertThat(notify.sms()).isEmpty();
    }

    @Test
    void sendsAnEmailThroughNotify() {
        UUID id = UUID.randomUUID();

        DeliveryOutcome outcome = channel.sendEmail(id, KIND, "dsl@north.sch.uk", VALUES);

        assertThat(notify.emails()).singleElement().satisfies(email -> {
            assertThat(outcome).isEqualTo(new Sent(email.id()));
            assertThat(email.reference()).isEqualTo(id.toString());
            assertThat(email.recipient()).isEqualTo("dsl@north.sch.uk");
            assertThat(email.subject()).isEqualTo("Vigil: high incident at North Academy");
        });
        assertThat(notify.sms()).isEmpty();
    }

    @Test
    void anInvalidEmailAddressIsPermanent() {
        DeliveryOutcome outcome = channel.sendEmail(UUID.randomUUID(), KIND, "dsl.north.sch.uk", VALUES);

        assertThat(((Permanent) outcome).reason())
                .contains("HTTP 400 ValidationError: email_address Not a valid email address");
    }

    @Test
    void missingPersonalisationIsPermanent() {
        DeliveryOutcome outcome = channel.sendSms(UUID.randomUUID(), KIND, MOBILE, Map.of("school", "North Academy"));

        assertThat(((Permanent) outcome).reason()).contains("BadRequestError: Missing personalisation: severity, link");
    }

    @Test
    void anUnreachableNotifyIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NotifyChannel unreachable = channel(notify.apiKey(), "http://127.0.0.1:" + closedPort, Duration.ofSeconds(5));
        try {
            DeliveryOutcome outcome = unreachable.sendSms(UUID.randomUUID(), KIND, MOBILE, VALUES);

            assertThat(outcome).isInstanceOf(Transient.class);
            assertThat(((Transient) outcome).reason()).startsWith("GOV.UK Notify could not be reached")
                    .contains("ConnectException");
        } finally {
            unreachable.close();
        }
    }

    @Test
    void aNotifyThatDoesNotAnswerInTimeIsTransient() {
        NotifyChannel impatient = channel(notify.apiKey(), notify.baseUrl().toString(), Duration.ofMillis(300));
        notify.delayNext(Duration.ofSeconds(3));
        try {
            DeliveryOutcome outcome = impatient.sendSms(UUID.randomUUID(), KIND, MOBILE, VALUES);

            assertThat(outcome).isEqualTo(new Transient("GOV.UK Notify did not answer within 300 ms for the "
                    + "text message to ********123 (it may still send it)"));
        } finally {
            impatient.close();
        }
    }

    @Test
    void aKindWithoutATemplateOrNoKeyAtAllIsPermanentBeforeCallingNotify() {
        DeliveryOutcome noTemplate = channel.sendSms(UUID.randomUUID(), "staff-incident-escalated.v1", MOBILE, VALUES);
        NotifyChannel unconfigured = channel(null, notify.baseUrl().toString(), Duration.ofSeconds(5));
        DeliveryOutcome noKey = unconfigured.sendSms(UUID.randomUUID(), KIND, MOBILE, VALUES);
        unconfigured.close();

        assertThat(((Permanent) noTemplate).reason()).isEqualTo("No GOV.UK Notify text message template is "
                + "configured for staff-incident-escalated.v1 (vigil.notification.notify.templates)");
        assertThat(((Permanent) noKey).reason()).contains("GOV.UK Notify is not configured");
        assertThat(notify.requestCount()).isZero();
    }

    @Test
    void masksAddressesForTheLedger() {
        assertThat(NotifyChannel.masked("Jane.Doe@North.sch.uk")).isEqualTo("J***@north.sch.uk");
        assertThat(NotifyChannel.masked("+44 7700 900123")).isEqualTo("*********123");
        assertThat(NotifyChannel.masked("")).isEqualTo("(no address)");
    }

    @Test
    void aBodyThatIsNotNotifysIsNotCopied() {
        assertThat(NotifyChannel.notifyErrors(502, "Status code: 502 <html>Bad gateway for dsl@north.sch.uk</html>"))
                .isEqualTo("HTTP 502, no GOV.UK Notify error in the answer");
    }

    private static NotifyChannel channel(String apiKey, String baseUrl, Duration timeout) {
        return new NotifyChannel(new Config(Optional.ofNullable(apiKey), baseUrl, timeout,
                Map.of(KIND, new Templates(Optional.of(SMS_TEMPLATE), Optional.of(EMAIL_TEMPLATE)))));
    }

    private record Config(Optional<String> apiKey, String baseUrl, Duration timeout,
            Map<String, NotifyConfig.Templates> templates) implements NotifyConfig {

        @Override
        public Optional<String> callbackToken() {
            return Optional.empty();
        }
    }

    private record Templates(Optional<String> sms, Optional<String> email) implements NotifyConfig.Templates {
    }
}
