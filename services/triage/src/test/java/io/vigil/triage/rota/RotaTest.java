package io.vigil.triage.rota;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.TestClock;
import io.vigil.triage.alert.Alerts;
import io.vigil.triage.deadline.Escalations;
import io.vigil.triage.directory.Person;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The out-of-hours rota on the real stack: who keeps it, and that the staff on call are named on
 * serious incidents and escalations outside school hours, never within them and never for a case
 * about staff. Triage's clock is set to the hours in question.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class RotaTest {

    /** A Saturday evening in England, and the Monday morning after (school hours). */
    private static final Instant SATURDAY_EVENING = Instant.parse("2027-03-06T21:00:00Z");
    private static final Instant MONDAY_MORNING = Instant.parse("2027-03-08T10:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    Escalations escalations;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theStaffOnCallAreToldOfSeriousIncidentsAndEscalationsOutOfHoursOnly() {
        String onCall = staff(DemoTrust.NORTH.id());
        clock.set(SATURDAY_EVENING.minus(Duration.ofHours(3)));
        String shift = add("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", onCall,
                "startsAt", SATURDAY_EVENING.minus(Duration.ofHours(2)).toString(),
                "endsAt", SATURDAY_EVENING.plus(Duration.ofHours(12)).toString()))
                .then().statusCode(201).extract().path("id");
        clock.set(SATURDAY_EVENING);

        IncidentOpened critical = Alerts.awaitOpened(Alerts.publishBlocked("IWF", null));
        assertThat(critical.onCall()).containsExactly(onCall);
        IncidentOpened low = Alerts.awaitOpened(Alerts.publishBlocked("Gambling", null));
        assertThat(low.onCall()).as("a low incident waits for the school day").isNull();
        IncidentOpened aboutStaff = Alerts.awaitOpened(Alerts.publishStaffConcern());
        assertThat(aboutStaff.restricted()).isTrue();
        assertThat(aboutStaff.onCall()).as("a case about staff never goes to the rota").isNull();

        escalations.run(SATURDAY_EVENING.plus(Duration.ofMinutes(20)));
        IncidentEscalated escalated = escalation(critical);
        assertThat(escalated.escalatedTo()).containsExactly("deputy-dsl");
        assertThat(escalated.onCall()).containsExactly(onCall);

        clock.set(MONDAY_MORNING);
        assertThat(Alerts.awaitOpened(Alerts.publishBlocked("IWF", null)).onCall()).as("within school hours the team is there").isNull();

        // Off the rota, nobody is named out of hours.
        clock.set(SATURDAY_EVENING.minusSeconds(60));
        given().auth().oauth2(Tokens.password("north.head")).when().delete("/api/v1/rota/" + shift)
                .then().statusCode(204);
        clock.set(SATURDAY_EVENING);
        assertThat(Alerts.awaitOpened(Alerts.publishBlocked("IWF", null)).onCall()).isNull();
    }

    @Test
    void theTeamKeepsItsSchoolsRotaAndTheTrustKeepsEverySchools() {
        String north = staff(DemoTrust.NORTH.id());
        String south = staff(DemoTrust.SOUTH.id());
        Map<String, Object> shift = Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", north,
                "startsAt", inHours(1), "endsAt", inHours(20));
        add("north.deputy-dsl", shift).then().statusCode(403);
        add("north.staff", shift).then().statusCode(403);
        add("north.governor", shift).then().statusCode(403);
        add("south.dsl", shift).then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/rota").then().statusCode(401);
        given().auth().oauth2(Tokens.password("north.staff")).when().get("/api/v1/rota").then().statusCode(403);

        String id = add("north.dsl", shift).then().statusCode(201).extract().path("id");
        assertThat(rota("north.deputy-dsl")).contains(id);
        assertThat(rota("south.dsl")).doesNotContain(id);
        given().auth().oauth2(Tokens.password("south.dsl")).when().get("/api/v1/rota?schoolId=" + DemoTrust.NORTH.id())
                .then().statusCode(403);
        given().auth().oauth2(Tokens.password("south.head")).when().delete("/api/v1/rota/" + id).then().statusCode(404);

        // Bad shifts: someone of another school, nobody, an empty or over-long period, every school by a DSL.
        add("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", south, "startsAt", inHours(1),
                "endsAt", inHours(2))).then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("staffId"));
        add("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", "stf-nobody", "startsAt", inHours(1),
                "endsAt", inHours(2))).then().statusCode(400);
        add("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", north, "startsAt", inHours(2),
                "endsAt", inHours(1))).then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("endsAt"));
        add("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", north, "startsAt", inHours(1),
                "endsAt", inHours(800))).then().statusCode(400);
        add("north.dsl", Map.of("staffId", north, "startsAt", inHours(1), "endsAt", inHours(2)))
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("schoolId"));
        add("north.dsl", Map.of("schoolId", DemoTrust.NORTH.id(), "staffId", north, "startsAt", "Saturday",
                "endsAt", inHours(2))).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/rota?from=yesterday")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));

        String everySchool = add("south.trust-safeguarding-lead", Map.of("staffId", south, "startsAt", inHours(1),
                "endsAt", inHours(20))).then().statusCode(201).extract().path("id");
        assertThat(rota("north.dsl")).contains(everySchool);
        given().auth().oauth2(Tokens.password("north.dsl")).when().delete("/api/v1/rota/" + everySchool)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.password("north.trust-admin")).when().delete("/api/v1/rota/" + everySchool)
                .then().statusCode(204);
        assertThat(rota("north.dsl")).doesNotContain(everySchool);
    }

    private static List<String> rota(String user) {
        return given().auth().oauth2(Tokens.password(user)).when().get("/api/v1/rota").then().statusCode(200)
                .extract().path("id");
    }

    private static Response add(String user, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.password(user)).contentType("application/json").body(body)
                .when().post("/api/v1/rota");
    }

    private String inHours(int hours) {
        return clock.instant().plus(Duration.ofHours(hours)).toString();
    }

    /** A member of staff of the school, as the directory feed would have recorded them. */
    private static String staff(String schoolId) {
        Person person = new Person();
        person.id = "stf-" + UUID.randomUUID();
        person.kind = "staff";
        person.trustId = DemoTrust.TRUST_ID;
        person.schoolId = schoolId;
        person.safeguardingRole = "deputy-dsl";
        person.updatedAt = Instant.now();
        QuarkusTransaction.requiringNew().run(person::persist);
        return person.id;
    }

    private static IncidentEscalated escalation(IncidentOpened incident) {
        return EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS,
                r -> r.key().equals(incident.incidentId()) && r.value().contains(EventType.INCIDENT_ESCALATED_V1.type()),
                Duration.ofSeconds(30)).value()), IncidentEscalated.class);
    }
}
