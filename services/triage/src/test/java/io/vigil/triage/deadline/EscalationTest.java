package io.vigil.triage.deadline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escalation on the real stack, driven by explicit instants (no sleeping). */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class EscalationTest {

    @Inject
    Escalations escalations;

    @Inject
    Deadlines deadlines;

    @Test
    void anUnacknowledgedCriticalIncidentClimbsTheLadderUntilSomeoneAcknowledgesIt() {
        IncidentOpened incident = openCritical();
        Instant opened = incident.openedAt();
        escalations.run(opened.plus(Duration.ofMinutes(10)));
        escalations.run(opened.plus(Duration.ofMinutes(16)));
        escalations.run(opened.plus(Duration.ofMinutes(17)));
        List<IncidentEscalated> first = Escalated.await(incident.incidentId(), 1);
        assertThat(first.get(0).escalatedTo()).containsExactly("deputy-dsl");
        assertThat(first.get(0).level()).isEqualTo(1);
        assertThat(first.get(0).reason()).isEqualTo("Not acknowledged within 15 minutes");
        assertThat(first.get(0).cause()).isEqualTo(EscalationCause.ACKNOWLEDGEMENT_OVERDUE);
        assertThat(first.get(0).nextDueAt()).isEqualTo(opened.plus(Duration.ofMinutes(31)));

        escalations.run(opened.plus(Duration.ofMinutes(32)));
        assertThat(Escalated.await(incident.incidentId(), 2).get(1).escalatedTo()).containsExactly("head");

        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().post("/api/v1/incidents/" + incident.incidentId() + "/acknowledge").then().statusCode(200);
        escalations.run(opened.plus(Duration.ofHours(3)));
        // The marker is published after the last run: once it is read, anything that run published is too.
        IncidentOpened marker = openCritical();
        TopicProbe.await(Topics.INCIDENTS, r -> r.key().equals(marker.incidentId()), Duration.ofSeconds(30));
        assertThat(Escalated.all(incident.incidentId())).hasSize(2);
    }

    @Test
    void aMissedLadoTimerGoesToTheHeadAndTheTrustLeadUnlessTheLadoWasConsulted() {
        IncidentOpened missed = openStaffAllegation();
        IncidentOpened consulted = openStaffAllegation();
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json")
                .body("{\"agency\": \"lado\", \"reference\": \"LADO-77\"}")
                .when().post("/api/v1/incidents/" + consulted.incidentId() + "/referrals").then().statusCode(200);
        Instant due = deadlines.calendar().endOfNextWorkingDay(missed.openedAt());
        escalations.run(due.plusSeconds(1));
        // The same run also moves the unacknowledged case up its own ladder (head, then trust lead).
        IncidentEscalated lado = Escalated.await(missed.incidentId(), 2).stream()
                .filter(e -> e.reason().contains("LADO")).findFirst().orElseThrow();
        assertThat(lado.escalatedTo()).containsExactly("head", "trust-safeguarding-lead");
        assertThat(lado.reason()).contains("LADO");
        assertThat(lado.cause()).isEqualTo(EscalationCause.LADO_TIMER);
        IncidentOpened marker = openCritical();
        TopicProbe.await(Topics.INCIDENTS, r -> r.key().equals(marker.incidentId()), Duration.ofSeconds(30));
        assertThat(Escalated.all(consulted.incidentId())).noneMatch(e -> e.reason().contains("LADO"));
    }

    private static IncidentOpened openCritical() {
        return Alerts.awaitOpened(Alerts.publishBlocked("IWF", null));
    }

    private static IncidentOpened openStaffAllegation() {
        return Alerts.awaitOpened(Alerts.publishStaffConcern());
    }
}
