package io.vigil.triage.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.common.time.SchoolCalendar;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import io.vigil.triage.alert.IncidentAlert;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Triage's rules on the real stack, fed through Kafka as intake feeds it: mapping, correlation of
 * a burst, severity, routing of staff and illegal content, concerns joining a learner's case,
 * silent sources, and what each role can see.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class TriageRulesTest {

    private static final String QUIET_SCHOOL = "triage-rules-school";
    private static final Instant AT = Instant.parse("2026-11-18T10:15:00Z");

    @Inject
    EntityManager entityManager;

    @Inject
    SchoolCalendar calendar;

    @Test
    void aBurstOfIdenticalAlertsIsOneIncidentThatGrowsAndRisesWithRepetition() {
        String user = "burst-" + UUID.randomUUID();
        String first = null;
        for (int i = 0; i < 30; i++) {
            String alertId = publish(alert(QUIET_SCHOOL, "Gambling", user, null, null, AT.plusSeconds(i * 10L), 2));
            first = first == null ? alertId : first;
        }
        List<IncidentOpened> opened = openedFor(first, 1);
        assertThat(opened).singleElement().satisfies(incident -> {
            assertThat(incident.category()).isEqualTo("gambling");
            assertThat(incident.severity()).isEqualTo(Severity.LOW);
        });
        String id = opened.get(0).incidentId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew()
                .call(() -> IncidentAlert.count("incidentId", UUID.fromString(id)))).isEqualTo(30));
        List<IncidentUpdated> updates = TopicProbe.awaitAll(Topics.INCIDENTS,
                r -> r.key().equals(id) && r.value().contains(EventType.INCIDENT_UPDATED_V1.type()), 4,
                Duration.ofSeconds(30)).stream()
                .map(r -> EventCodec.payload(EventCodec.decode(r.value()), IncidentUpdated.class)).toList();
        // Announced at 2 and 5 (5 also raises it for repetition), 10 and 25: not thirty times.
        assertThat(updates).extracting(IncidentUpdated::change).contains("severity-raised", "alert-added");
        assertThat(updates).anyMatch(u -> u.severity() == Severity.MEDIUM);
        assertThat(TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(10)))
                .filteredOn(r -> r.key().equals(id)).hasSizeLessThanOrEqualTo(6);
        // After the window, the same user and category is a new incident.
        String later = publish(alert(QUIET_SCHOOL, "Gambling", user, null, null, AT.plus(Duration.ofHours(2)), 2));
        assertThat(openedFor(later, 1).get(0).incidentId()).isNotEqualTo(id);
    }

    @Test
    void illegalContentIsCriticalForTheDslAndHeadWithStepsAndNoUrl() {
        String user = "illegal-" + UUID.randomUUID();
        IncidentOpened incident = openedFor(publish(alert(QUIET_SCHOOL, "Child Abuse", user, null, null, AT, 2)), 1)
                .get(0);
        assertThat(incident.category()).isEqualTo("child-sexual-abuse-material");
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.allRoutedRoles()).containsExactly("dsl", "head");
        assertThat(incident.requiredSteps()).anyMatch(step -> step.startsWith("Do not view"));
        String url = QuarkusTransaction.requiringNew().call(() -> IncidentAlert.<IncidentAlert>find("incidentId",
                UUID.fromString(incident.incidentId())).firstResult().urlHost);
        assertThat(url).isNull();
    }

    @Test
    void aStaffUsersMisuseGoesToTheHeadAndIsHiddenFromTheSafeguardingTeam() {
        String user = "teacher-" + UUID.randomUUID();
        person("stf-" + user, "staff", DemoTrust.NORTH.id(), "none");
        publish(alert(DemoTrust.NORTH.id(), "Pornography", user, "stf-" + user, "staff", AT, 3));
        IncidentOpened incident = openedFor(user, 1).get(0);
        assertThat(incident.routedTo()).isEqualTo("head");
        assertThat(incident.restricted()).isTrue();
        String path = "/api/v1/incidents/" + incident.incidentId();
        // The LADO must be consulted within one working day, and the head sees by when.
        String ladoDueAt = calendar.endOfNextWorkingDay(incident.openedAt()).toString();
        given().auth().oauth2(Tokens.password("north.head")).when().get(path).then().statusCode(200)
                .body("restricted", equalTo(true)).body("routedTo", equalTo("head"))
                .body("ladoDueAt", equalTo(ladoDueAt));
        given().auth().oauth2(Tokens.password("north.dsl")).when().get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.password("north.deputy-dsl")).when().get(path).then().statusCode(404);
        given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/incidents?size=500")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(incident.incidentId())));
    }

    @Test
    void aConcernAboutTheHeadGoesToTheChairOfGovernorsAndTheTrustLead() {
        String head = "stf-head-" + UUID.randomUUID();
        person(head, "staff", QUIET_SCHOOL, "head");
        String concernId = "con-" + UUID.randomUUID();
        publish(new ConcernReported(concernId, "triage-rules-trust", QUIET_SCHOOL, "a.teacher", null, null, false,
                true, head, PolicyCategory.OTHER, "Saw a message to a pupil", null, AT, AT.plusSeconds(60)), concernId);
        IncidentOpened incident = openedFor(concernId, 1).get(0);
        assertThat(incident.routedTo()).isEqualTo("chair-of-governors");
        assertThat(incident.allRoutedRoles()).contains("trust-safeguarding-lead");
        assertThat(incident.restricted()).isTrue();
        assertThat(incident.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
        assertThat(incident.requiredSteps()).anyMatch(step -> step.contains("LADO"));
    }

    @Test
    void aConcernAboutALearnerJoinsTheLearnersOpenCaseAndAVulnerableLearnerRaisesSeverity() {
        String learner = "lrn-" + UUID.randomUUID();
        person(learner, "learner", QUIET_SCHOOL, null);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update person set child_protection_plan = true where id = ?1").setParameter(1, learner).executeUpdate());
        publish(alert(QUIET_SCHOOL, "Self Harm", "pupil-" + learner, learner, "learner", AT, 2));
        IncidentOpened incident = openedFor(learner, 1).get(0);
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.severityReasons()).contains("The learner has a child protection plan");
        assertThat(incident.personId()).isEqualTo(learner);

        String concernId = "con-" + UUID.randomUUID();
        publish(new ConcernReported(concernId, "triage-rules-trust", QUIET_SCHOOL, "a.teacher", null, learner, false,
                false, null, PolicyCategory.BULLYING, "Upset after lunch", "Playground", AT.plusSeconds(600),
                AT.plusSeconds(700)), concernId);
        ConsumerRecord<String, String> linked = TopicProbe.await(Topics.INCIDENTS,
                r -> r.key().equals(incident.incidentId()) && r.value().contains("concern-linked"),
                Duration.ofSeconds(30));
        assertThat(EventCodec.payload(EventCodec.decode(linked.value()), IncidentUpdated.class).alertCount())
                .isEqualTo(2);
    }

    @Test
    void aSilentApplianceIsAnIncidentOnceAndItsReturnIsAnnounced() {
        String appliance = "appl-silent-" + UUID.randomUUID();
        SourceSilent silent = new SourceSilent(appliance, "triage-rules-trust", QUIET_SCHOOL, "fortigate",
                SourceKind.FILTERING, "Hall filter " + appliance, null, 900, AT);
        publish(silent, "silent-1-" + appliance);
        publish(silent, "silent-2-" + appliance);
        IncidentOpened incident = openedFor(appliance, 1).get(0);
        assertThat(incident.category()).isEqualTo("monitoring-failure");
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        // The staff message names the silent system, so the event carries its name (an appliance's, no one's).
        assertThat(incident.subjectRef()).isEqualTo("Hall filter " + appliance);
        publish(new SourceResumed(appliance, "triage-rules-trust", QUIET_SCHOOL, AT, AT.plusSeconds(3600)),
                "resumed-" + appliance);
        TopicProbe.await(Topics.INCIDENTS, r -> r.key().equals(incident.incidentId())
                && r.value().contains("source-resumed"), Duration.ofSeconds(30));
        assertThat(TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(10)))
                .filteredOn(r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type()) && r.value().contains(appliance))
                .hasSize(1);
    }

    @Test
    void anUnknownVendorCategoryIsKeptAsUnclassifiedAndNotedForTheTrustAdmin() {
        String user = "unmapped-" + UUID.randomUUID();
        String category = "Brand New Category " + user;
        String alertId = publish(alert(QUIET_SCHOOL, category, user, null, null, AT, null));
        assertThat(openedFor(alertId, 1).get(0).category()).isEqualTo("unclassified");
        Number noted = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "select alert_count from unmapped_category where vendor_category = ?1").setParameter(1, category)
                .getSingleResult());
        assertThat(noted.intValue()).isEqualTo(1);
    }

    /** Waits for {@code count} IncidentOpened events whose payload mentions {@code marker} (e.g. an alert id). */
    private static List<IncidentOpened> openedFor(String marker, int count) {
        return TopicProbe.awaitAll(Topics.INCIDENTS, r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type())
                && r.value().contains(marker), count, Duration.ofSeconds(30)).stream()
                .map(r -> EventCodec.payload(EventCodec.decode(r.value()), IncidentOpened.class)).toList();
    }

    private static AlertReceived alert(String school, String category, String user, String personId, String kind,
            Instant occurredAt, Integer vendorSeverity) {
        String eventId = UUID.randomUUID().toString();
        String trust = school.equals(QUIET_SCHOOL) ? "triage-rules-trust" : DemoTrust.TRUST_ID;
        return new AlertReceived(eventId, trust, school, "appl-" + school, eventId, SourceKind.FILTERING,
                "smoothwall", category, "blocked", user, "10.0.0.9", "www.example.test", vendorSeverity, occurredAt,
                occurredAt.plusSeconds(1), null, null, personId, kind);
    }

    private static String publish(AlertReceived alert) {
        Alerts.publish(alert, alert.alertId());
        return alert.alertId();
    }

    private static void publish(Record payload, String eventId) {
        String school = payload instanceof ConcernReported c ? c.schoolId()
                : payload instanceof SourceSilent s ? s.schoolId() : ((SourceResumed) payload).schoolId();
        TopicProbe.send(Topics.ALERTS, school, EventCodec.encode(EventCodec.envelope(eventId, "/vigil/intake", payload,
                eventId, "triage-rules-trust", school, eventId, AT)));
    }

    private void person(String id, String kind, String school, String role) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("insert into person (id, kind, "
                + "trust_id, school_id, safeguarding_role, updated_at) values (?1, ?2, 'any', ?3, ?4, now())")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, school).setParameter(4, role)
                .executeUpdate());
    }
}
