package io.vigil.notification.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.delivery.Delivery;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GOV.UK Notify's delivery receipts settle text messages in the ledger; a bounce is a failure event. */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class NotifyReceiptTest {

    private static final String PATH = "/api/v1/notify/delivery-receipts";

    @Test
    void aDeliveredReceiptMarksTheTextDeliveredOnceAndARepeatChangesNothing() {
        Delivery text = sentText();
        receipt(text, "delivered").then().statusCode(204);
        assertThat(state(text)).isEqualTo("delivered");
        receipt(text, "delivered").then().statusCode(204);
        // A late bounce for a message already delivered does not undo it.
        receipt(text, "permanent-failure").then().statusCode(204);
        assertThat(state(text)).isEqualTo("delivered");
    }

    @ParameterizedTest
    @CsvSource({"permanent-failure, bounced, does not exist", "temporary-failure, bounced, phone was off",
            "technical-failure, failed, technical failure"})
    void aFailedReceiptSettlesTheTextAndAnnouncesTheFailureSoTriageEscalates(String status, String state,
            String reason) {
        Delivery text = sentText();
        receipt(text, status).then().statusCode(204);
        assertThat(state(text)).isEqualTo(state);
        ConsumerRecord<String, String> failed = TopicProbe.await(Topics.NOTIFICATIONS,
                r -> r.value().contains(text.notificationId.toString()) && r.value().contains("notification-failed"),
                Duration.ofSeconds(30));
        assertThat(failed.value()).contains(reason).contains("\"permanent\":true").doesNotContain(text.recipientAddress);
    }

    @Test
    void onlyNotifyWithTheConfiguredTokenIsHeard() {
        Delivery text = sentText();
        Map<String, String> body = body(text, "delivered");
        given().contentType("application/json").body(body).when().post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-the-token").contentType("application/json").body(body)
                .when().post(PATH).then().statusCode(401).contentType("application/problem+json");
        // A sign-in token of Vigil's own users is not Notify's token either.
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json").body(body)
                .when().post(PATH).then().statusCode(401);
        assertThat(state(text)).isEqualTo("sent");
    }

    @Test
    void aReceiptForAnotherMessageOrWithTheWrongNotifyIdIsNotFound() {
        Delivery text = sentText();
        Map<String, String> wrongId = Map.of("id", UUID.randomUUID().toString(), "reference",
                text.notificationId.toString(), "status", "delivered");
        authorised().body(wrongId).when().post(PATH).then().statusCode(404).contentType("application/problem+json");
        Map<String, String> unknown = Map.of("id", text.providerReference, "reference", UUID.randomUUID().toString(),
                "status", "delivered");
        authorised().body(unknown).when().post(PATH).then().statusCode(404);
        assertThat(state(text)).isEqualTo("sent");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"x\",\"reference\":\"%s\",\"status\":\"delivered\"} | id",
        "{\"id\":\"%2$s\",\"reference\":\"not-ours\",\"status\":\"delivered\"} | reference",
        "{\"id\":\"%2$s\",\"reference\":\"%1$s\",\"status\":\"lost-in-the-post\"} | status",
        "{\"id\":\"%2$s\",\"reference\":\"%1$s\"} | status"
    })
    void aMalformedReceiptIsA400NamingTheField(String template, String field) {
        Delivery text = sentText();
        authorised().body(template.formatted(text.notificationId, text.providerReference)).when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        assertThat(state(text)).isEqualTo("sent");
    }

    @Test
    void aReceiptWhileTheMessageIsStillBeingSentIsAConflictToRetry() {
        Delivery text = sentText();
        QuarkusTransaction.requiringNew().run(() -> Delivery.update("state = 'sending' where notificationId = ?1",
                text.notificationId));
        receipt(text, "delivered").then().statusCode(409).contentType("application/problem+json");
    }

    /** A text message Notify accepted, as the sender leaves it in the ledger. */
    private static Delivery sentText() {
        Delivery delivery = new Delivery();
        delivery.notificationId = UUID.randomUUID();
        delivery.incidentId = UUID.randomUUID().toString();
        delivery.trustId = DemoTrust.TRUST_ID;
        delivery.schoolId = DemoTrust.NORTH.id();
        delivery.channel = "sms";
        delivery.recipientRef = "role:dsl";
        delivery.recipientAddress = "07700900" + (100 + (int) (Math.random() * 800));
        delivery.templateId = "staff-incident-opened.v1.en";
        delivery.subject = "Vigil";
        delivery.body = "Vigil: a new incident";
        delivery.state = "sent";
        delivery.providerReference = UUID.randomUUID().toString();
        delivery.attempts = 1;
        delivery.createdAt = Instant.now();
        delivery.updatedAt = delivery.createdAt;
        delivery.severity = "high";
        QuarkusTransaction.requiringNew().run(delivery::persist);
        return delivery;
    }

    private static String state(Delivery delivery) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(delivery.notificationId).state);
    }

    private static io.restassured.response.Response receipt(Delivery delivery, String status) {
        return authorised().body(body(delivery, status)).when().post(PATH);
    }

    private static Map<String, String> body(Delivery delivery, String status) {
        return Map.of("id", delivery.providerReference, "reference", delivery.notificationId.toString(),
                "to", delivery.recipientAddress, "status", status, "notification_type", "sms");
    }

    private static io.restassured.specification.RequestSpecification authorised() {
        return given().header("Authorization", "Bearer " + NotificationTestStack.NOTIFY_CALLBACK_TOKEN)
                .contentType("application/json");
    }
}
