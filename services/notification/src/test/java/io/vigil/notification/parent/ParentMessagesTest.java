package io.vigil.notification.parent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.directory.Guardian;
import io.vigil.testing.Mailbox;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Parents and carers are told only after the DSL approves, only those with parental responsibility
 * and no "do not contact" flag, in their language where Vigil has it, with how to reach the school
 * and nothing about what happened.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class ParentMessagesTest {

    @Test
    void onlyApprovedContactableGuardiansAreToldInTheirLanguage() {
        schoolContact(DemoTrust.NORTH.id(), "0191 496 0123", "office@north.demo.vigil.test");
        String incidentId = UUID.randomUUID().toString();
        String learner = "lrn-" + UUID.randomUUID();
        Guardian polish = guardian(learner, "pl", true, false, true, false);
        Guardian barred = guardian(learner, "en", true, true, true, false);
        Guardian noResponsibility = guardian(learner, "en", false, false, true, false);
        Guardian textOnly = guardian(learner, "ur", true, false, false, true);
        String unknown = "grd-" + UUID.randomUUID();

        // A DSL's decision not to contact sends nothing.
        publish(incidentId, new IncidentUpdated(incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "parent-contact-withheld", "acknowledged", Severity.HIGH, 1, "north.dsl", Instant.now(), Instant.now()));
        publish(incidentId, new ParentContactApproved(incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                List.of(polish.personId, barred.personId, noResponsibility.personId, textOnly.personId, unknown),
                "parent-filtering-breach.v1", "north.dsl", Instant.now()));

        Mailbox.ReceivedMail mail = Mailbox.await(polish.email, m -> true, Duration.ofSeconds(30));
        assertThat(mail.body()).contains("0191 496 0123").contains("office@north.demo.vigil.test")
                .doesNotContain(incidentId).doesNotContain(learner).doesNotContain("http");
        Delivery row = QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "incidentId = ?1 and recipientRef = ?2", incidentId, "guardian:" + polish.personId).singleResult());
        assertThat(row.language).isEqualTo("pl");
        assertThat(row.templateId).isEqualTo("parent-filtering-breach.v1.pl");
        assertThat(mail.subject()).isEqualTo(row.subject);

        await().atMost(Duration.ofSeconds(30)).until(() -> NotificationTestStack.texts().stream()
                .anyMatch(n -> n.recipient().replace(" ", "").equals(textOnly.mobile.replace(" ", ""))));

        for (String refused : List.of(barred.personId, noResponsibility.personId, unknown)) {
            TopicProbe.await(Topics.NOTIFICATIONS, r -> r.value().contains("notification-failed")
                    && r.value().contains("guardian:" + refused), Duration.ofSeconds(30));
        }
        assertThat(failureReason(incidentId, barred.personId)).contains("do not contact");
        assertThat(failureReason(incidentId, noResponsibility.personId)).contains("parental responsibility");
        assertThat(failureReason(incidentId, unknown)).contains("not in the directory");
        assertThat(Mailbox.messagesFor(barred.email)).isEmpty();
        assertThat(Mailbox.messagesFor(noResponsibility.email)).isEmpty();
        // Redelivered, the approval sends nothing more.
        assertThat(Mailbox.messagesFor(polish.email)).hasSize(1);
    }

    @Test
    void aMessageThatCannotBeWrittenIsAFailureWithTheReason() {
        // South has no telephone number for parents: the message would be missing how to reach the school.
        String incidentId = UUID.randomUUID().toString();
        Guardian guardian = guardian("lrn-" + UUID.randomUUID(), "en", true, false, true, false, DemoTrust.SOUTH.id());
        publish(incidentId, new ParentContactApproved(incidentId, DemoTrust.TRUST_ID, DemoTrust.SOUTH.id(),
                List.of(guardian.personId), "parent-filtering-breach", "south.dsl", Instant.now()));
        TopicProbe.await(Topics.NOTIFICATIONS, r -> r.value().contains("notification-failed")
                && r.value().contains(incidentId), Duration.ofSeconds(30));
        assertThat(failureReason(incidentId, guardian.personId)).contains("schoolPhone");
        assertThat(Mailbox.messagesFor(guardian.email)).isEmpty();
    }

    private static String failureReason(String incidentId, String guardianId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Delivery.<Delivery>find("incidentId = ?1 and recipientRef = ?2", incidentId, "guardian:" + guardianId)
                        .firstResultOptional().map(d -> d.lastError).orElse(null)), reason -> reason != null);
    }

    private static void schoolContact(String schoolId, String phone, String email) {
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json")
                .body(Map.of("phone", phone, "email", email)).when()
                .put("/api/v1/schools/" + schoolId + "/notification-settings").then().statusCode(200);
    }

    private static Guardian guardian(String learner, String language, boolean responsibility, boolean doNotContact,
            boolean email, boolean mobile) {
        return guardian(learner, language, responsibility, doNotContact, email, mobile, DemoTrust.NORTH.id());
    }

    /** A guardian published on the directory topic as intake does, once notification has them. */
    private static Guardian guardian(String learner, String language, boolean responsibility, boolean doNotContact,
            boolean email, boolean mobile, String schoolId) {
        String id = "grd-" + UUID.randomUUID();
        GuardianUpdated update = new GuardianUpdated(id, DemoTrust.TRUST_ID, schoolId, List.of(learner), null,
                email ? id + "@home.demo.vigil.test" : null, mobile ? "07700 902" + (100 + (int) (Math.random() * 800))
                        : null, language, responsibility, doNotContact, doNotContact ? "Court order" : null, Instant.now());
        TopicProbe.send(Topics.DIRECTORY, id, EventCodec.encode(EventCodec.envelope("/vigil/intake", update, id,
                DemoTrust.TRUST_ID, schoolId, id, Instant.now())));
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> Guardian.<Guardian>findById(id)), g -> g != null);
    }

    private static void publish(String incidentId, Record payload) {
        TopicProbe.send(Topics.INCIDENTS, incidentId, EventCodec.encode(EventCodec.envelope("/vigil/triage", payload,
                incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, Instant.now())));
    }
}
