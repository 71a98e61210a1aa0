package io.vigil.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.signing.RequestSignatures;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.notification.channel.DeliveryOutcome.Permanent;
import io.vigil.notification.channel.DeliveryOutcome.Sent;
import io.vigil.notification.channel.DeliveryOutcome.Transient;
import io.vigil.notification.channel.WebhookTarget.Format;
import io.vigil.testing.WebhookReceiver;
import io.vigil.testing.WebhookReceiver.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookChannelTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String SECRET = "whs_north-teams-secret";
    private static final URI CASE = URI.create("https://vigil.test/cases/inc-7");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An incident carrying everything a webhook must not repeat: the learner, the concern, the URL visited. */
    private static final IncidentOpened OPENED = new IncidentOpened("inc-7", "trust-north", "school-north",
            "grooming-sexual-exploitation", Severity.HIGH,
            List.of("Messages to an adult stranger, see https://chat.example/room?u=jane.pupil"), "dsl",
            List.of("alert-1"), "jane.pupil@north.sch.uk", NOW.minusSeconds(60), NOW, null, null, null,
            "learner-4711");

    private WebhookReceiver receiver;
    private WebhookChannel channel;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
        channel = channel(Duration.ofSeconds(5));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void signsTheGenericBodyAsIntakeVerifiesIt() throws IOException {
        UUID id = UUID.randomUUID();

        DeliveryOutcome outcome = channel.send(target(Format.GENERIC, "/hooks/north"), alert(id));

        assertThat(outcome).isEqualTo(new Sent(id.toString()));
        Received request = receiver.received().get(0);
        assertThat(request.path()).isEqualTo("/hooks/north");
        assertThat(request.header("X-Vigil-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.header(WebhookChannel.NOTIFICATION_ID_HEADER)).isEqualTo(id.toString());
        assertThatCode(() -> verify(request, SECRET)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(request, "whs_someone-elses-secret")).isInstanceOf(ProblemException.class);

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("uk.vigil.staff-alert.v1");
        assertThat(body.path("event").asText()).isEqualTo("incident-opened");
        assertThat(body.path("school").path("name").asText()).isEqualTo("North Academy");
        assertThat(body.path("severity").asText()).isEqualTo("high");
        assertThat(body.path("categoryGroups").toString()).isEqualTo("[\"contact\"]");
        assertThat(body.path("caseUrl").asText()).isEqualTo(CASE.toString());
    }

    @Test
    void postsATeamsAdaptiveCardLinkingToTheCase() throws IOException {
        DeliveryOutcome outcome = channel.send(target(Format.TEAMS, "/teams/north"), alert(UUID.randomUUID()));

        assertThat(outcome).isInstanceOf(Sent.class);
        Received request = receiver.received().get(0);
        assertThatCode(() -> verify(request, SECRET)).doesNotThrowAnyException();
        JsonNode card = JSON.readTree(request.body()).path("attachments").path(0).path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("body").path(0).path("text").asText())
                .isEqualTo("New high severity incident at North Academy");
        assertThat(card.path("body").path(1).path("facts").toString())
                .contains("\"Category group\"", "\"contact\"", "\"North Academy\"");
        assertThat(card.path("actions").path(0).path("url").asText()).isEqualTo(CASE.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GENERIC", "TEAMS"})
    void neverCarriesTheLearnerTheConcernOrAUrlVisited(Format format) {
        channel.send(target(format, "/hook"), alert(UUID.randomUUID()));

        assertThat(receiver.received().get(0).bodyText())
                .doesNotContain("jane.pupil", "chat.example", "learner-4711", "stranger", "grooming");
    }

    @Test
    void aServerErrorIsTransientAndTheRetryIsSent() {
        receiver.respondNext(500);
        WebhookAlert alert = alert(UUID.randomUUID());

        DeliveryOutcome first = channel.send(target(Format.GENERIC, "/hook"), alert);
        DeliveryOutcome retry = channel.send(target(Format.GENERIC, "/hook"), alert);

        assertThat(first).isEqualTo(new Transient("the webhook at 127.0.0.1 answered HTTP 500"));
        assertThat(retry).isInstanceOf(Sent.class);
        assertThat(receiver.received()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 502, 503})
    void busyOrFailingReceiversAreTransient(int status) {
        receiver.respondNext(status);

        assertThat(channel.send(target(Format.TEAMS, "/hook"), alert(UUID.randomUUID())))
                .isEqualTo(new Transient("the Teams webhook at 127.0.0.1 answered HTTP " + status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410})
    void otherClientErrorsArePermanent(int status) {
        receiver.respondNext(status);

        assertThat(channel.send(target(Format.GENERIC, "/hook"), alert(UUID.randomUUID())))
                .isEqualTo(new Permanent("the webhook at 127.0.0.1 answered HTTP " + status));
    }

    @Test
    void aRedirectIsNotFollowedAndIsPermanent() {
        receiver.respondNext(301);

        DeliveryOutcome outcome = channel.send(target(Format.GENERIC, "/hook"), alert(UUID.randomUUID()));

        assertThat(((Permanent) outcome).reason()).contains("HTTP 301", "never redirected");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void anUnreachablePortIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookTarget nobody = new WebhookTarget(Format.GENERIC, URI.create("http://127.0.0.1:" + closedPort + "/hook"),
                SECRET);

        DeliveryOutcome outcome = channel.send(nobody, alert(UUID.randomUUID()));

        assertThat(((Transient) outcome).reason()).startsWith("the webhook at 127.0.0.1 could not be reached (")
                .contains("ConnectException");
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsTransient() {
        WebhookChannel impatient = channel(Duration.ofMillis(300));
        receiver.delayNext(Duration.ofSeconds(3));

        DeliveryOutcome outcome = impatient.send(target(Format.GENERIC, "/hook"), alert(UUID.randomUUID()));

        assertThat(outcome).isEqualTo(new Transient(
                "the webhook at 127.0.0.1 did not answer within 300 ms (it may still have taken the alert)"));
    }

    @Test
    void plainHttpBeyondThisMachineIsRefusedWithoutSending() {
        WebhookTarget plain = new WebhookTarget(Format.TEAMS, URI.create("http://192.0.2.10/webhook"), SECRET);

        DeliveryOutcome outcome = channel.send(plain, alert(UUID.randomUUID()));

        assertThat(outcome).isEqualTo(new Permanent(
                "the Teams webhook at 192.0.2.10 is not an https URL (plain http is only for this machine)"));
        assertThat(WebhookChannel.acceptable(URI.create("https://north.webhook.office.com/x"))).isTrue();
    }

    @Test
    void theLedgersCopyOfAnAlertReadsBackAsTheSameAlert() {
        WebhookAlert opened = alert(UUID.randomUUID());
        WebhookAlert escalated = WebhookAlert.escalated(UUID.randomUUID(), new IncidentEscalated("inc-7",
                "trust-north", "school-north", Severity.CRITICAL, 2, List.of("head"), "Not acknowledged within 15 minutes",
                null, NOW, null, "grooming-sexual-exploitation"), "North Academy", CASE);

        assertThat(WebhookAlert.fromJson(opened.toJson())).isEqualTo(opened);
        assertThat(WebhookAlert.fromJson(escalated.toJson())).isEqualTo(escalated);
        assertThat(escalated.categoryGroups()).containsExactly(FourCs.CONTACT);
        assertThat(escalated.headline())
                .isEqualTo("A critical severity incident at North Academy was escalated: nobody acted in time");
    }

    @Test
    void aTargetNeverShowsItsSecretOrPath() {
        WebhookTarget teams = new WebhookTarget(Format.TEAMS,
                URI.create("https://north.webhook.office.com/webhookb2/abc@def/IncomingWebhook/s3cr3t"), SECRET);

        assertThat(teams.toString()).isEqualTo("WebhookTarget[TEAMS at north.webhook.office.com]");
        assertThatThrownBy(() -> new WebhookTarget(Format.GENERIC, teams.url(), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private WebhookChannel channel(Duration timeout) {
        return new WebhookChannel(new Config(Duration.ofSeconds(2), timeout), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private WebhookTarget target(Format format, String path) {
        return new WebhookTarget(format, receiver.url(path), SECRET);
    }

    private static WebhookAlert alert(UUID notificationId) {
        return WebhookAlert.opened(notificationId, OPENED, "North Academy", CASE);
    }

    private static void verify(Received request, String secret) {
        RequestSignatures.verify(secret, request.header("X-Vigil-Timestamp"), request.header("X-Vigil-Signature"),
                request.body(), NOW);
    }

    private record Config(Duration connectTimeout, Duration timeout) implements WebhookConfig {
    }
}
