package io.vigil.triage.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.incident.Incident;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Alerts from the real broker become incidents, once, and the incident is announced through the outbox. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class AlertConsumerTest {

    @Test
    void anAlertOpensOneIncidentAnnouncedOnTheIncidentsTopic() {
        String alertId = UUID.randomUUID().toString();
        AlertReceived alert = Alerts.alert(DemoTrust.NORTH, alertId, "sw-" + alertId);
        Alerts.publish(alert, alertId);

        ConsumerRecord<String, String> record = TopicProbe.await(Topics.INCIDENTS,
                r -> r.value().contains(alertId), Duration.ofSeconds(30));
        CloudEvent event = EventCodec.decode(record.value());
        IncidentOpened opened = EventCodec.payload(event, IncidentOpened.class);
        assertThat(record.key()).isEqualTo(opened.incidentId());
        assertThat(opened.schoolId()).isEqualTo(DemoTrust.NORTH.id());
        assertThat(opened.trustId()).isEqualTo(DemoTrust.TRUST_ID);
        assertThat(opened.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(opened.severityReasons()).isNotEmpty();
        assertThat(opened.routedTo()).isEqualTo("dsl");
        assertThat(opened.alertIds()).containsExactly(alertId);
        assertThat(opened.category()).isEqualTo("pornography");
        assertThat(event.correlationid()).isEqualTo(alertId);

        TopicProbe.await(Topics.AUDIT, r -> r.value().contains(opened.incidentId())
                && r.value().contains("incident.opened"), Duration.ofSeconds(30));
    }

    @Test
    void theSameAlertDeliveredTwiceOrWithANewEventIdOpensOneIncident() {
        String alertId = UUID.randomUUID().toString();
        String sourceEventId = "sw-" + alertId;
        AlertReceived alert = Alerts.alert(DemoTrust.NORTH, alertId, sourceEventId);
        Alerts.publish(alert, alertId);
        Alerts.publish(alert, alertId);
        // A second envelope for the same (appliance, source event id) is still the same alert.
        Alerts.publish(alert, UUID.randomUUID().toString());
        String marker = UUID.randomUUID().toString();
        Alerts.publish(Alerts.alert(DemoTrust.NORTH, marker, "sw-" + marker), marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> incidentsWithAlert(marker) == 1);
        assertThat(incidentsWithAlert(alertId)).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> IncidentAlert.count("sourceEventId", sourceEventId)))
                .isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndConsumptionGoesOn() {
        String poison = "{\"not\": \"an event\", \"marker\": \"" + UUID.randomUUID() + "\"}";
        TopicProbe.send(Topics.ALERTS, DemoTrust.NORTH.id(), poison);
        String next = UUID.randomUUID().toString();
        Alerts.publish(Alerts.alert(DemoTrust.NORTH, next, "sw-" + next), next);

        ConsumerRecord<String, String> dead = TopicProbe.await(Topics.deadLetterOf(Topics.ALERTS),
                r -> poison.equals(r.value()), Duration.ofSeconds(30));
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("missing CloudEvents attribute");
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentsWithAlert(next) == 1);
    }

    private static long incidentsWithAlert(String alertId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IncidentAlert stored = IncidentAlert.findById(alertId);
            return stored == null ? 0L : Incident.count("id", stored.incidentId);
        });
    }
}
