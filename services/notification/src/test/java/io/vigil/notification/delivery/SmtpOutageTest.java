package io.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.testing.Mailbox;
import io.vigil.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The mail server stops while 200 notifications are due and starts again: every one is delivered
 * exactly once (ledger and mailbox agree), none is lost or given up, none is sent twice.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class SmtpOutageTest {

    private static final int MESSAGES = 200;

    @Test
    void twoHundredNotificationsDueWhileTheMailServerIsDownAreEachDeliveredOnceWhenItIsBack() {
        String head = DemoTrust.SOUTH.email("head");
        List<String> incidents = new ArrayList<>();
        NotificationTestStack.smtpDown();
        try {
            for (int i = 0; i < MESSAGES; i++) {
                IncidentOpened incident = new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID,
                        DemoTrust.SOUTH.id(), "gambling", Severity.LOW, List.of("outage test"), "head",
                        List.of(UUID.randomUUID().toString()), null, Instant.now(), Instant.now());
                incidents.add(incident.incidentId());
                TopicProbe.send(Topics.INCIDENTS, incident.incidentId(), EventCodec.encode(EventCodec.envelope(
                        "/vigil/triage", incident, incident.incidentId(), DemoTrust.TRUST_ID, DemoTrust.SOUTH.id(),
                        null, incident.openedAt())));
            }
            // Every one was planned and tried at least once against the stopped server, and failed for now.
            await().atMost(Duration.ofSeconds(120)).until(() -> rows(incidents).size() == MESSAGES
                    && rows(incidents).stream().allMatch(row -> row.attempts >= 1 && !"sent".equals(row.state)));
            assertThat(rows(incidents)).allSatisfy(row -> assertThat(row.state).isIn("requested", "sending"));
        } finally {
            NotificationTestStack.smtpUp();
        }

        await().atMost(Duration.ofSeconds(180)).until(() -> rows(incidents).stream().allMatch(r -> "sent".equals(r.state)));
        List<Delivery> ledger = rows(incidents);
        assertThat(ledger).hasSize(MESSAGES).allSatisfy(row -> assertThat(row.attempts).isGreaterThanOrEqualTo(2));
        // Reading the mailbox over IMAP takes a while with hundreds of messages in it: poll slowly.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3))
                .until(() -> mailsPerIncident(head, incidents).size() == MESSAGES);
        // Once every message is there, none may arrive twice (a duplicate would follow within seconds).
        Map<String, Long> received = await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(90))
                .until(() -> mailsPerIncident(head, incidents), mails -> mails.size() == MESSAGES);
        assertThat(received.keySet()).isEqualTo(Set.copyOf(incidents));
        assertThat(received.values()).allMatch(count -> count == 1);
    }

    private static List<Delivery> rows(List<String> incidents) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("incidentId in ?1", incidents));
    }

    private static Map<String, Long> mailsPerIncident(String address, List<String> incidents) {
        return Mailbox.messagesFor(address).stream()
                .map(mail -> incidents.stream().filter(mail.body()::contains).findFirst().orElse(null))
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
