package io.vigil.reporting.retention;

import static io.restassured.RestAssured.given;
import static io.vigil.reporting.retention.RetentionFixtures.awaitAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.Referral;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The review list, legal holds and disposal, on the real stack, within the caller's trust and schools. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class RetentionResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String FAR_FUTURE = "2300-01-01";
    private static final LocalDate LONG_AGO = LocalDate.of(1950, 6, 15);

    @Test
    void theReviewListsRecordsPastTheirDateAndThoseWithoutADateOfBirth() {
        DirectoryPerson adult = RetentionFixtures.learner(DemoTrust.NORTH, LONG_AGO);
        RegisterEntry due = RetentionFixtures.incident(DemoTrust.NORTH, adult.personId, Instant.now());
        DirectoryPerson child = RetentionFixtures.learner(DemoTrust.NORTH, LocalDate.now().minusYears(10));
        RegisterEntry notDue = RetentionFixtures.incident(DemoTrust.NORTH, child.personId, Instant.now());
        RegisterEntry unknown = RetentionFixtures.incident(DemoTrust.NORTH, "pupil-" + UUID.randomUUID(),
                Instant.now());
        RegisterEntry allegation = RetentionFixtures.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "stf-" + UUID.randomUUID(), true, Instant.now().minus(11 * 366, ChronoUnit.DAYS));
        RegisterEntry southDue = RetentionFixtures.incident(DemoTrust.SOUTH,
                RetentionFixtures.learner(DemoTrust.SOUTH, LONG_AGO).personId, Instant.now());

        ValidatableResponse today = review("north.head", "").statusCode(200)
                .body("incidentId", hasItem(due.incidentId))
                .body("incidentId", hasItem(unknown.incidentId))
                .body("incidentId", hasItem(allegation.incidentId))
                .body("incidentId", not(hasItem(notDue.incidentId)))
                .body("incidentId", not(hasItem(southDue.incidentId)));
        today.body(item(due) + ".basis", equalTo(Retention.LEARNER))
                .body(item(due) + ".retainUntil", equalTo("1975-06-15"))
                .body(item(due) + ".dueForReview", equalTo(true))
                .body(item(due) + ".held", equalTo(false))
                .body(item(unknown) + ".basis", equalTo(Retention.DATE_OF_BIRTH_UNKNOWN))
                .body(item(unknown) + ".dueForReview", equalTo(false))
                .body(item(allegation) + ".basis", equalTo(Retention.STAFF_ALLEGATION))
                .body(item(allegation) + ".dueForReview", equalTo(true));

        review("north.head", "asOf=" + FAR_FUTURE).statusCode(200)
                .body("incidentId", hasItem(notDue.incidentId))
                .body(item(notDue) + ".retainUntil", equalTo(child.dateOfBirth.plusYears(25).toString()));
        // The trust lead sees every school's, but not a concern about a member of staff routed to the head.
        review("north.trust-safeguarding-lead", "asOf=" + FAR_FUTURE).statusCode(200)
                .body("incidentId", hasItem(due.incidentId))
                .body("incidentId", hasItem(southDue.incidentId))
                .body("incidentId", not(hasItem(allegation.incidentId)));
        review("south.head", "asOf=" + FAR_FUTURE).statusCode(200)
                .body("incidentId", hasItem(southDue.incidentId))
                .body("incidentId", not(hasItem(due.incidentId)));
        awaitAudit("retention.reviewed", "north.head", FAR_FUTURE);
    }

    @Test
    void theReviewListIsPagedInRetentionDateThenIdOrderWithTheLeapDayRule() {
        // The earliest retention dates of any record here, so these three open the list.
        RegisterEntry marchFirst = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LocalDate.of(1804, 3, 1)).personId, Instant.now());
        RegisterEntry leapDay = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LocalDate.of(1804, 2, 29)).personId, Instant.now());
        RegisterEntry lastOfFebruary = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LocalDate.of(1804, 2, 28)).personId, Instant.now());
        // 1829 has no 29 February: a learner born on it is kept until 1 March, as one born on 1 March.
        List<String> expected = new ArrayList<>(List.of(lastOfFebruary.incidentId));
        expected.addAll(Stream.of(marchFirst.incidentId, leapDay.incidentId).sorted().toList());

        List<String> first = reviewPage(0, 2).body("retainUntil", contains("1829-02-28", "1829-03-01"))
                .extract().path("incidentId");
        List<String> second = reviewPage(1, 2).body("[0].retainUntil", equalTo("1829-03-01"))
                .extract().path("incidentId");
        assertThat(first).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(second.get(0)).isEqualTo(expected.get(2));

        review("north.head", "asOf=1829-03-01").statusCode(200)
                .body("incidentId", hasItem(lastOfFebruary.incidentId))
                .body("incidentId", not(hasItem(leapDay.incidentId)))
                .body("incidentId", not(hasItem(marchFirst.incidentId)));
        review("north.head", "asOf=1829-03-02").statusCode(200)
                .body("incidentId", hasItems(lastOfFebruary.incidentId, leapDay.incidentId, marchFirst.incidentId));
    }

    @Test
    void anAllegationClosedOn29FebruaryIsKeptUntil1MarchTenYearsOn() {
        RegisterEntry allegation = RetentionFixtures.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "stf-" + UUID.randomUUID(), true, Instant.parse("2016-02-29T11:00:00Z"));

        review("north.head", "asOf=2026-03-01").statusCode(200)
                .body("incidentId", not(hasItem(allegation.incidentId)));
        review("north.head", "asOf=2026-03-02").statusCode(200)
                .body("incidentId", hasItem(allegation.incidentId))
                .body(item(allegation) + ".basis", equalTo(Retention.STAFF_ALLEGATION))
                .body(item(allegation) + ".retainUntil", equalTo("2026-03-01"));
    }

    @Test
    void aHoldStopsDisposalAndItsReleaseAllowsIt() {
        RegisterEntry due = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LONG_AGO).personId, Instant.now());
        RetentionFixtures.referral(due, "mash");
        RetentionFixtures.notification(due);

        String holdId = given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of("incidentId", due.incidentId, "reason", "Police investigation"))
                .when().post("/api/v1/retention/holds")
                .then().statusCode(201)
                .body("incidentId", equalTo(due.incidentId))
                .body("placedBy", equalTo("north.head"))
                .extract().path("id");
        review("north.head", "").statusCode(200).body(item(due) + ".held", equalTo(true));
        dispose("north.head", due.incidentId).statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:conflict"));
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> (RegisterEntry) RegisterEntry.findById(due.incidentId))).isNotNull();

        given().auth().oauth2(Tokens.password("north.trust-safeguarding-lead")).contentType(ContentType.JSON)
                .body(Map.of("reason", "Investigation concluded")).when().delete("/api/v1/retention/holds/" + holdId)
                .then().statusCode(200)
                .body("releasedBy", equalTo("north.trust-safeguarding-lead"))
                .body("releaseReason", equalTo("Investigation concluded"));
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of("reason", "again")).when().delete("/api/v1/retention/holds/" + holdId)
                .then().statusCode(409).contentType(PROBLEM_JSON);

        dispose("north.head", due.incidentId).statusCode(201)
                .body("basis", equalTo(Retention.LEARNER))
                .body("referralsRemoved", equalTo(1))
                .body("notificationOutcomesRemoved", equalTo(1));
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat((RegisterEntry) RegisterEntry.findById(due.incidentId)).isNull();
            assertThat(Referral.count("incidentId", due.incidentId)).isZero();
            assertThat(NotificationOutcome.count("incidentId", due.incidentId)).isZero();
            RetentionDisposal disposal = RetentionDisposal.findById(due.incidentId);
            assertThat(disposal.retainUntil).isEqualTo(LocalDate.of(1975, 6, 15));
            assertThat(disposal.disposedBy).isEqualTo("north.head");
        });
        dispose("north.head", due.incidentId).statusCode(404).contentType(PROBLEM_JSON);
        awaitAudit("retention.hold-placed", holdId);
        awaitAudit("retention.hold-released", holdId);
        awaitAudit("retention.disposed", due.incidentId);
    }

    @Test
    void theHoldsListShowsTheCallersHoldsInForceOrReleased() {
        RegisterEntry held = RetentionFixtures.incident(DemoTrust.NORTH, "pupil-" + UUID.randomUUID(), Instant.now());
        RegisterEntry was = RetentionFixtures.incident(DemoTrust.NORTH, "pupil-" + UUID.randomUUID(), Instant.now());
        DirectoryPerson south = RetentionFixtures.learner(DemoTrust.SOUTH, LONG_AGO);
        RetentionFixtures.incident(DemoTrust.SOUTH, south.personId, Instant.now());
        String inForce = placeHold("north.head", Map.of("incidentId", held.incidentId, "reason", "Police"))
                .statusCode(201).extract().path("id");
        String released = placeHold("north.head", Map.of("incidentId", was.incidentId, "reason", "Claim"))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of("reason", "Claim settled")).when().delete("/api/v1/retention/holds/" + released)
                .then().statusCode(200);
        String onPerson = placeHold("south.head", Map.of("personId", south.personId, "reason", "Civil claim"))
                .statusCode(201).extract().path("id");

        holds("north.head", "").statusCode(200)
                .body("id", hasItem(inForce))
                .body("id", not(hasItem(released)))
                .body("id", not(hasItem(onPerson)))
                .body("schoolId", everyItem(equalTo(DemoTrust.NORTH.id())))
                .body("releasedAt", everyItem(nullValue()))
                .body(hold(inForce) + ".incidentId", equalTo(held.incidentId))
                .body(hold(inForce) + ".reason", equalTo("Police"))
                .body(hold(inForce) + ".placedBy", equalTo("north.head"));
        holds("north.head", "released=false").statusCode(200)
                .body("id", hasItem(inForce))
                .body("id", not(hasItem(released)));
        holds("north.head", "released=true").statusCode(200)
                .body("id", hasItem(released))
                .body("id", not(hasItem(inForce)))
                .body("releasedAt", everyItem(notNullValue()))
                .body(hold(released) + ".releasedBy", equalTo("north.head"))
                .body(hold(released) + ".releaseReason", equalTo("Claim settled"));
        holds("south.head", "").statusCode(200)
                .body("id", hasItem(onPerson))
                .body("id", not(hasItem(inForce)))
                .body(hold(onPerson) + ".personId", equalTo(south.personId));
        holds("north.trust-safeguarding-lead", "").statusCode(200)
                .body("id", hasItem(inForce))
                .body("id", hasItem(onPerson));
        holds("north.trust-safeguarding-lead", "schoolId=" + DemoTrust.SOUTH.id()).statusCode(200)
                .body("id", hasItem(onPerson))
                .body("id", not(hasItem(inForce)));
        awaitAudit("retention.holds-listed", "north.head", "\"released\":\"true\"");
    }

    @Test
    void theHoldsListIsNewestFirstAndPaged() {
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RegisterEntry entry = RetentionFixtures.incident(DemoTrust.NORTH, "pupil-" + UUID.randomUUID(),
                    Instant.now());
            placed.add(0, placeHold("north.head", Map.of("incidentId", entry.incidentId, "reason", "Paging " + i))
                    .statusCode(201).extract().path("id"));
        }
        List<String> all = holds("north.head", "size=500").statusCode(200).extract().jsonPath().getList("id");
        assertThat(all.subList(0, 3)).containsExactlyElementsOf(placed);
        List<String> placedAt = holds("north.head", "size=500").extract().jsonPath().getList("placedAt");
        assertThat(placedAt.stream().map(Instant::parse).toList()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(holds("north.head", "page=0&size=2").statusCode(200).extract().jsonPath().<String>getList("id"))
                .containsExactlyElementsOf(all.subList(0, 2));
        assertThat(holds("north.head", "page=1&size=2").statusCode(200).extract().jsonPath().<String>getList("id"))
                .containsExactlyElementsOf(all.subList(2, Math.min(4, all.size())));
    }

    @Test
    void aRestrictedIncidentsHoldIsListedOnlyForTheRolesThatMaySeeIt() {
        RegisterEntry allegation = RetentionFixtures.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "stf-" + UUID.randomUUID(), true, Instant.now());
        String holdId = placeHold("north.head", Map.of("incidentId", allegation.incidentId, "reason", "LADO"))
                .statusCode(201).extract().path("id");
        holds("north.head", "").statusCode(200).body("id", hasItem(holdId));
        holds("north.trust-safeguarding-lead", "").statusCode(200).body("id", not(hasItem(holdId)));
        holds("north.trust-safeguarding-lead", "schoolId=" + DemoTrust.NORTH.id()).statusCode(200)
                .body("id", not(hasItem(holdId)));

        // Once disposed of, the register no longer says who may see the incident; the disposal does: a
        // learner's record's hold is still listed for both, a concern about a member of staff's for the head
        // it was routed to and still not for the trust lead.
        RegisterEntry due = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LONG_AGO).personId, Instant.now());
        RegisterEntry oldAllegation = RetentionFixtures.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "stf-" + UUID.randomUUID(), true, Instant.now().minus(11 * 366, ChronoUnit.DAYS));
        List<String> disposed = new ArrayList<>();
        for (RegisterEntry entry : List.of(due, oldAllegation)) {
            String id = placeHold("north.head", Map.of("incidentId", entry.incidentId, "reason", "Review"))
                    .statusCode(201).extract().path("id");
            given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                    .body(Map.of("reason", "Reviewed")).when().delete("/api/v1/retention/holds/" + id)
                    .then().statusCode(200);
            dispose("north.head", entry.incidentId).statusCode(201);
            disposed.add(id);
        }
        holds("north.head", "released=true").statusCode(200)
                .body("id", hasItem(disposed.get(0)))
                .body("id", hasItem(disposed.get(1)));
        holds("north.trust-safeguarding-lead", "released=true").statusCode(200)
                .body("id", hasItem(disposed.get(0)))
                .body("id", not(hasItem(disposed.get(1))));

        // A disposal recorded before disposals kept who may see the incident: hidden from everyone.
        QuarkusTransaction.requiringNew().run(() -> RetentionDisposal.update(
                "restricted = null, routedRoles = null where incidentId = ?1", oldAllegation.incidentId));
        holds("north.head", "released=true").statusCode(200)
                .body("id", hasItem(disposed.get(0)))
                .body("id", not(hasItem(disposed.get(1))));
    }

    @Test
    void aDisposedIncidentsLateOrReplayedEventsDoNotBringItBack() {
        RegisterEntry due = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LONG_AGO).personId, Instant.now());
        dispose("north.trust-safeguarding-lead", due.incidentId).statusCode(201);

        Instant now = Instant.now();
        IncidentOpened replayed = opened(due.incidentId, now);
        IncidentUpdated late = new IncidentUpdated(due.incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "referred", "closed", Severity.MEDIUM, 2, "north.dsl", now, now, null, "police", null);
        // Keyed like the disposed incident, so the next incident's opening is read after them.
        IncidentOpened next = opened(UUID.randomUUID().toString(), now);
        for (Record event : List.of(replayed, late, next)) {
            TopicProbe.send(Topics.INCIDENTS, due.incidentId, EventCodec.encode(EventCodec.envelope("/vigil/triage",
                    event, due.incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, now)));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> RegisterEntry.findById(next.incidentId()) != null));
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat((RegisterEntry) RegisterEntry.findById(due.incidentId)).isNull();
            assertThat(Referral.count("incidentId", due.incidentId)).isZero();
        });
    }

    private static IncidentOpened opened(String incidentId, Instant at) {
        return new IncidentOpened(incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), "cyberbullying",
                Severity.MEDIUM, List.of("test"), "dsl", List.of(UUID.randomUUID().toString()), "pupil-1", at, at,
                null, false, null, null, null, null, "north-test-appliance");
    }

    @Test
    void aHoldOnThePersonStopsDisposalOfEachOfTheirIncidents() {
        DirectoryPerson adult = RetentionFixtures.learner(DemoTrust.SOUTH, LONG_AGO);
        RegisterEntry first = RetentionFixtures.incident(DemoTrust.SOUTH, adult.personId, Instant.now());
        RegisterEntry second = RetentionFixtures.incident(DemoTrust.SOUTH, adult.personId, Instant.now());
        String holdId = placeHold("south.head", Map.of("personId", adult.personId, "reason", "Civil claim"))
                .statusCode(201).body("schoolId", equalTo(DemoTrust.SOUTH.id())).extract().path("id");
        review("south.head", "").statusCode(200).body(item(first) + ".held", equalTo(true))
                .body(item(second) + ".held", equalTo(true));
        dispose("south.head", first.incidentId).statusCode(409).contentType(PROBLEM_JSON);
        dispose("south.trust-safeguarding-lead", second.incidentId).statusCode(409).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("south.head")).contentType(ContentType.JSON)
                .body(Map.of("reason", "Claim settled")).when().delete("/api/v1/retention/holds/" + holdId)
                .then().statusCode(200);
        dispose("south.trust-safeguarding-lead", second.incidentId).statusCode(201);
    }

    @Test
    void aRecordNotYetDueOrWithoutADateOfBirthIsNotDisposedOf() {
        RegisterEntry notDue = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LocalDate.now().minusYears(12)).personId, Instant.now());
        RegisterEntry unknown = RetentionFixtures.incident(DemoTrust.NORTH, "pupil-" + UUID.randomUUID(),
                Instant.now());
        RegisterEntry openAllegation = RetentionFixtures.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "stf-" + UUID.randomUUID(), true, Instant.now().minus(20 * 366, ChronoUnit.DAYS));
        QuarkusTransaction.requiringNew().run(() -> {
            RegisterEntry entry = RegisterEntry.findById(openAllegation.incidentId);
            entry.closedAt = null;
            entry.status = "open";
        });
        dispose("north.head", notDue.incidentId).statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", org.hamcrest.Matchers.containsString("kept until"));
        dispose("north.head", unknown.incidentId).statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", org.hamcrest.Matchers.containsString("date of birth unknown"));
        dispose("north.head", openAllegation.incidentId).statusCode(409).contentType(PROBLEM_JSON);
        assertThat(QuarkusTransaction.requiringNew().call(() -> RegisterEntry.count("incidentId in ?1",
                List.of(notDue.incidentId, unknown.incidentId, openAllegation.incidentId)))).isEqualTo(3);
    }

    @Test
    void onlyTheHeadOfTheSchoolAndTheTrustLeadOfTheTrust() {
        RegisterEntry south = RetentionFixtures.incident(DemoTrust.SOUTH,
                RetentionFixtures.learner(DemoTrust.SOUTH, LONG_AGO).personId, Instant.now());
        String otherTrust = "other-trust-" + UUID.randomUUID();
        DirectoryPerson elsewhere = RetentionFixtures.person(otherTrust, DemoTrust.NORTH.id(),
                DirectoryPerson.LEARNER, LONG_AGO, null);
        RegisterEntry foreign = RetentionFixtures.incident(otherTrust, DemoTrust.NORTH.id(), elsewhere.personId,
                false, Instant.now());

        given().when().get("/api/v1/retention/review").then().statusCode(401).contentType(PROBLEM_JSON);
        given().when().get("/api/v1/retention/holds").then().statusCode(401).contentType(PROBLEM_JSON);
        for (String user : List.of("north.staff", "north.governor", "north.trust-admin", "north.dsl",
                "north.deputy-dsl")) {
            review(user, "").statusCode(403).contentType(PROBLEM_JSON);
            placeHold(user, Map.of("incidentId", south.incidentId, "reason", "r")).statusCode(403)
                    .contentType(PROBLEM_JSON);
            dispose(user, south.incidentId).statusCode(403).contentType(PROBLEM_JSON);
            holds(user, "").statusCode(403).contentType(PROBLEM_JSON);
        }
        // Another school of the trust.
        review("north.head", "schoolId=" + DemoTrust.SOUTH.id()).statusCode(403).contentType(PROBLEM_JSON);
        holds("north.head", "schoolId=" + DemoTrust.SOUTH.id()).statusCode(403).contentType(PROBLEM_JSON);
        placeHold("north.head", Map.of("incidentId", south.incidentId, "reason", "r")).statusCode(403)
                .contentType(PROBLEM_JSON);
        dispose("north.head", south.incidentId).statusCode(403).contentType(PROBLEM_JSON);
        String holdId = placeHold("south.head", Map.of("incidentId", south.incidentId, "reason", "r"))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of("reason", "r")).when().delete("/api/v1/retention/holds/" + holdId)
                .then().statusCode(403).contentType(PROBLEM_JSON);
        // Another trust's records at a school id the caller knows: not there at all.
        review("north.trust-safeguarding-lead", "asOf=" + FAR_FUTURE).statusCode(200)
                .body("incidentId", not(hasItem(foreign.incidentId)));
        RetentionHold foreignHold = RetentionFixtures.hold(otherTrust, DemoTrust.NORTH.id(), foreign.incidentId);
        for (String user : List.of("north.head", "north.trust-safeguarding-lead")) {
            for (String released : List.of("false", "true")) {
                holds(user, "released=" + released).statusCode(200)
                        .body("id", not(hasItem(foreignHold.id.toString())))
                        .body("incidentId", not(hasItem(foreign.incidentId)));
            }
        }
        placeHold("north.trust-safeguarding-lead", Map.of("incidentId", foreign.incidentId, "reason", "r"))
                .statusCode(404).contentType(PROBLEM_JSON);
        placeHold("north.head", Map.of("personId", elsewhere.personId, "reason", "r"))
                .statusCode(404).contentType(PROBLEM_JSON);
        dispose("north.trust-safeguarding-lead", foreign.incidentId).statusCode(404).contentType(PROBLEM_JSON);
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> (RegisterEntry) RegisterEntry.findById(foreign.incidentId))).isNotNull();
        awaitAudit("retention.disposed", south.incidentId, "\"denied\"");
        awaitAudit("retention.holds-listed", DemoTrust.SOUTH.id(), "\"denied\"");
    }

    @Test
    void badInputsAreProblems() {
        RegisterEntry due = RetentionFixtures.incident(DemoTrust.NORTH,
                RetentionFixtures.learner(DemoTrust.NORTH, LONG_AGO).personId, Instant.now());
        review("north.head", "asOf=2026-13-01").statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("asOf"));
        review("north.head", "asOf=yesterday").statusCode(400).contentType(PROBLEM_JSON);
        review("north.head", "page=-1").statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("page"));
        for (String released : List.of("yes", "1", "TRUE", "released")) {
            holds("north.head", "released=" + released).statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:vigil:problem:validation"))
                    .body("errors.field", hasItem("released"));
        }
        for (String size : List.of("0", "501")) {
            holds("north.head", "size=" + size).statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:vigil:problem:validation"))
                    .body("errors.field", hasItem("size"));
        }
        holds("north.head", "page=-1").statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("page"));
        placeHold("north.head", Map.of("incidentId", due.incidentId)).statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:validation"))
                .body("errors.field", hasItem("reason"));
        placeHold("north.head", Map.of("incidentId", due.incidentId, "reason", "  ")).statusCode(400)
                .body("errors.field", hasItem("reason"));
        placeHold("north.head", Map.of("reason", "no target")).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("incidentId"));
        placeHold("north.head", Map.of("incidentId", due.incidentId, "personId", due.personId, "reason", "both"))
                .statusCode(400).contentType(PROBLEM_JSON);
        placeHold("north.head", Map.of("incidentId", due.incidentId, "reason", "x".repeat(501))).statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON).body("{\"reason\": 7,")
                .when().post("/api/v1/retention/holds").then().statusCode(400).contentType(PROBLEM_JSON);
        placeHold("north.head", Map.of("personId", "pupil-" + UUID.randomUUID(), "reason", "r")).statusCode(404)
                .contentType(PROBLEM_JSON);
        placeHold("north.head", Map.of("incidentId", UUID.randomUUID().toString(), "reason", "r")).statusCode(404)
                .contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of("incidentId", due.incidentId)).when().post("/api/v1/retention/disposals")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of("reason", "none")).when().delete("/api/v1/retention/holds/not-a-hold")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.head")).contentType(ContentType.JSON)
                .body(Map.of()).when().delete("/api/v1/retention/holds/" + UUID.randomUUID())
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("reason"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> RetentionHold.count("incidentId", due.incidentId)))
                .isZero();
    }

    private static String item(RegisterEntry entry) {
        return "find { it.incidentId == '" + entry.incidentId + "' }";
    }

    private static String hold(String id) {
        return "find { it.id == '" + id + "' }";
    }

    private static ValidatableResponse review(String user, String query) {
        return given().auth().oauth2(Tokens.password(user))
                .when().get("/api/v1/retention/review?size=500" + (query.isEmpty() ? "" : "&" + query)).then();
    }

    /** A page of north.head's review list as of the far future. */
    private static ValidatableResponse reviewPage(int page, int size) {
        return given().auth().oauth2(Tokens.password("north.head"))
                .when().get("/api/v1/retention/review?asOf=" + FAR_FUTURE + "&page=" + page + "&size=" + size)
                .then().statusCode(200);
    }

    private static ValidatableResponse holds(String user, String query) {
        return given().auth().oauth2(Tokens.password(user))
                .when().get("/api/v1/retention/holds" + (query.isEmpty() ? "" : "?" + query)).then();
    }

    private static ValidatableResponse placeHold(String user, Map<String, String> body) {
        return given().auth().oauth2(Tokens.password(user)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/retention/holds").then();
    }

    private static ValidatableResponse dispose(String user, String incidentId) {
        return given().auth().oauth2(Tokens.password(user)).contentType(ContentType.JSON)
                .body(Map.of("incidentId", incidentId, "reason", "Reviewed: past retention, no hold"))
                .when().post("/api/v1/retention/disposals").then();
    }
}
