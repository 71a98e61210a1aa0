package io.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.TestSchool;
import io.vigil.notification.incident.StaffAlertPlanner;
import io.vigil.testing.Mailbox;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A message planned to go at once is written already claimed, in its planning transaction, and goes
 * to the sender only when that transaction commits: a planning that rolls back sends nothing.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class PlannedSendingTest {

    @Inject
    EntityManager entityManager;

    @Inject
    StaffAlertPlanner planner;

    @Test
    void aRowPlannedToGoAtOnceIsWrittenClaimedAndSentOnceWhenItsPlanningCommits() {
        TestSchool school = TestSchool.create(entityManager, List.of("dsl"));
        IncidentOpened incident = incident(school);

        UUID[] id = new UUID[1];
        Object[] written = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> planned = planner.plan(UUID.randomUUID().toString(), incident);
            assertThat(planned).hasSize(1);
            id[0] = planned.get(0);
            entityManager.flush();
            // As the planning transaction wrote it, before it commits.
            return (Object[]) entityManager.createNativeQuery(
                    "select state, attempts from delivery where notification_id = ?1")
                    .setParameter(1, id[0]).getSingleResult();
        });

        assertThat(written[0]).isEqualTo("sending");
        assertThat(((Number) written[1]).intValue()).isEqualTo(1);
        Mailbox.await(school.email("dsl"), mail -> mail.body().contains(incident.incidentId()), Duration.ofSeconds(30));
        Delivery sent = waitForSent(id[0]);
        assertThat(sent.attempts).isEqualTo(1);
        assertThat(sent.providerReference).isEqualTo(DeliveryService.messageId(sent.notificationId));
        assertThat(Mailbox.messagesFor(school.email("dsl"))).hasSize(1);
    }

    @Test
    void aPlanningThatRollsBackSendsNothing() {
        TestSchool school = TestSchool.create(entityManager, List.of("dsl"));
        IncidentOpened rolledBack = incident(school);
        IncidentOpened committed = incident(school);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(planner.plan(UUID.randomUUID().toString(), rolledBack)).hasSize(1);
            throw new IllegalStateException("the rest of the poll failed");
        })).hasMessageContaining("the rest of the poll failed");
        List<UUID> planned = QuarkusTransaction.requiringNew()
                .call(() -> planner.plan(UUID.randomUUID().toString(), committed));

        // The sender takes planned rows in order: once the later one is out, the earlier would have been.
        Mailbox.await(school.email("dsl"), mail -> mail.body().contains(committed.incidentId()), Duration.ofSeconds(30));
        waitForSent(planned.get(0));
        assertThat(Mailbox.messagesFor(school.email("dsl")))
                .noneMatch(mail -> mail.body().contains(rolledBack.incidentId()))
                .hasSize(1);
        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> Delivery.count("incidentId", rolledBack.incidentId()))).isZero();
    }

    private static IncidentOpened incident(TestSchool school) {
        Instant now = Instant.now();
        return new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, school.id(), "gambling",
                Severity.CRITICAL, List.of("planned sending test"), "dsl", List.of(UUID.randomUUID().toString()), null,
                now, now);
    }

    private static Delivery waitForSent(UUID notificationId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(notificationId)),
                row -> row != null && "sent".equals(row.state));
    }
}
