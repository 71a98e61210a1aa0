package io.vigil.notification.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.delivery.Delivery;
import io.vigil.testing.Mailbox;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A school's daily digest gathers its low-severity incidents into one message for the DSL, once. */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class DigestTest {

    /** A Tuesday in term, at 09:00 in London (GMT). */
    private static final Instant TUESDAY_MORNING = Instant.parse("2027-01-12T09:00:00Z");

    @Inject
    Digests digests;

    @Test
    void lowIncidentsWaitForTheDigestWhileOthersGoAtOnce() {
        digest("daily");
        try {
            IncidentOpened low = publish(Severity.LOW);
            IncidentOpened medium = publish(Severity.MEDIUM);
            String dsl = DemoTrust.NORTH.email("dsl");
            // The medium one is mailed at once; the low one is gathered, with no ledger row until the digest.
            Mailbox.await(dsl, m -> m.body().contains(medium.incidentId()), Duration.ofSeconds(30));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gathered(low.incidentId()));
            assertThat(rowsAbout(low.incidentId())).isZero();

            assertThat(digests.run(TUESDAY_MORNING.minus(Duration.ofHours(3)))).as("before the school day").isZero();
            assertThat(digests.run(TUESDAY_MORNING)).isGreaterThanOrEqualTo(1);
            Mailbox.ReceivedMail mail = Mailbox.await(dsl, m -> m.subject().contains("2027-01-12")
                    && m.body().contains(low.incidentId()), Duration.ofSeconds(30));
            assertThat(mail.subject()).contains("North Primary").contains("1 to review");
            assertThat(mail.body()).doesNotContain(medium.incidentId());
            assertThat(digests.run(TUESDAY_MORNING.plus(Duration.ofHours(2)))).as("once per period").isZero();
            assertThat(Mailbox.messagesFor(dsl).stream().filter(m -> m.body().contains(low.incidentId()))).hasSize(1);
        } finally {
            digest("off");
        }
    }

    @Test
    void aWeeklyDigestIsDueOnTheFirstSchoolDayOfTheWeekOnly() {
        // The week of 2027-03-29 is the Easter holiday; 2027-05-03 is a bank holiday Monday.
        assertThat(digests.period("weekly", LocalDate.parse("2027-01-11"))).isEqualTo("2027-W02");
        assertThat(digests.period("weekly", LocalDate.parse("2027-01-12"))).isNull();
        assertThat(digests.period("weekly", LocalDate.parse("2027-05-03"))).isNull();
        assertThat(digests.period("weekly", LocalDate.parse("2027-05-04"))).isEqualTo("2027-W18");
        assertThat(digests.period("daily", LocalDate.parse("2027-05-04"))).isEqualTo("2027-05-04");
    }

    private static boolean gathered(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Delivery.getEntityManager()
                .createNativeQuery("select count(*) from digest_entry where incident_id = ?1")
                .setParameter(1, incidentId).getSingleResult()).intValue() == 1);
    }

    private static long rowsAbout(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("incidentId", incidentId));
    }

    private static void digest(String digest) {
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json")
                .body(Map.of("digest", digest)).when()
                .put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(200);
    }

    private static IncidentOpened publish(Severity severity) {
        Instant now = Instant.now();
        IncidentOpened incident = new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID,
                DemoTrust.NORTH.id(), "gambling", severity, List.of("digest test"), "dsl",
                List.of(UUID.randomUUID().toString()), null, now, now);
        TopicProbe.send(Topics.INCIDENTS, incident.incidentId(), EventCodec.encode(EventCodec.envelope("/vigil/triage",
                incident, incident.incidentId(), DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, now)));
        return incident;
    }
}
