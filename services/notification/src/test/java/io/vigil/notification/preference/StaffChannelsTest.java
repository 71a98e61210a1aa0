package io.vigil.notification.preference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.directory.SafeguardingRole;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.directory.StaffMember;
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
 * Staff reached by the channels their school and they themselves choose, on the real stack with a
 * local GOV.UK Notify: the directory feed names who holds a role, text messages go through Notify
 * (retried after its 500s, given up after a 400), and the on-call rota is told out of hours.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class StaffChannelsTest {

    @Test
    void aDslFromTheDirectoryIsTextedAndEmailedWhenTheSchoolUsesBothAndNotifyFailsOnceFirst() {
        setChannels("south.head", DemoTrust.SOUTH.id(), Map.of("high", List.of("email", "sms")));
        String mobile = "07700 900" + (100 + (int) (Math.random() * 800));
        StaffMember dsl = staff(DemoTrust.SOUTH.id(), SafeguardingRole.DSL, mobile);
        NotificationTestStack.notifyFailsNext(500, "Exception", "Internal server error");

        IncidentOpened incident = incident(DemoTrust.SOUTH, Severity.HIGH);
        publish(incident.incidentId(), incident.schoolId(), incident);

        // Long enough for one passing SMTP failure and its retry: a connection the build's shared mail
        // server left hanging (after another test's outage) fails only at the server's 30 s timeout.
        Mailbox.await(dsl.email, m -> m.body().contains(incident.incidentId()), Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).until(() -> textsTo(mobile).size() == 1);
        assertThat(textsTo(mobile).get(0).body()).contains(incident.incidentId()).contains("South Academy");
        // Notify answers before the ledger records the answer, which its recorder does a moment later.
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(textOf(incident).state));
        Delivery text = textOf(incident);
        assertThat(text.state).isEqualTo("sent");
        assertThat(text.attempts).isEqualTo(2);
        assertThat(text.providerReference).isEqualTo(textsTo(mobile).get(0).id());
        // The configured contact for the role has no mobile: e-mail only.
        Mailbox.await(DemoTrust.SOUTH.email("dsl"), m -> m.body().contains(incident.incidentId()), Duration.ofSeconds(120));
        setChannels("south.head", DemoTrust.SOUTH.id(), Map.of("high", List.of("email")));
    }

    @Test
    void aNumberNotifyRefusesFailsForGoodWithItsReasonAndAFailureEvent() {
        setChannels("north.head", DemoTrust.NORTH.id(), Map.of("critical", List.of("email", "sms")));
        staff(DemoTrust.NORTH.id(), SafeguardingRole.DSL, "01632 960001");

        IncidentOpened incident = incident(DemoTrust.NORTH, Severity.CRITICAL);
        publish(incident.incidentId(), incident.schoolId(), incident);

        var failed = TopicProbe.await(Topics.NOTIFICATIONS, r -> r.value().contains(incident.incidentId())
                && r.value().contains("notification-failed") && r.value().contains("\"sms\""), Duration.ofSeconds(60));
        assertThat(failed.value()).contains("Not a UK mobile number").contains("\"permanent\":true")
                .doesNotContain("01632 960001");
        assertThat(NotificationTestStack.texts()).noneMatch(n -> n.recipient().replace(" ", "").equals("01632960001"));
        setChannels("north.head", DemoTrust.NORTH.id(), Map.of("critical", List.of("email")));
    }

    @Test
    void theStaffOnCallAreToldOfAnEscalationByTheirOwnChoice() {
        String mobile = "07700 901" + (100 + (int) (Math.random() * 800));
        StaffMember onCall = staff(DemoTrust.NORTH.id(), SafeguardingRole.DEPUTY_DSL, mobile);
        choose(onCall.email, "high", "sms");
        IncidentOpened base = incident(DemoTrust.NORTH, Severity.HIGH);
        IncidentEscalated escalated = new IncidentEscalated(base.incidentId(), base.trustId(), base.schoolId(),
                Severity.HIGH, 1, List.of("deputy-dsl"), "Not acknowledged within 1 hour", null, Instant.now(),
                List.of(onCall.personId, "stf-not-in-the-directory"));
        publish(base.incidentId(), base.schoolId(), escalated);

        await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(mobile).size() == 1);
        assertThat(textsTo(mobile).get(0).body()).contains("escalated");
        // They chose text messages only for high incidents; the deputy role's contact is e-mailed as usual.
        Mailbox.await(DemoTrust.NORTH.email("deputy-dsl"), m -> m.body().contains(base.incidentId()),
                Duration.ofSeconds(30));
        TopicProbe.await(Topics.NOTIFICATIONS, r -> r.value().contains(base.incidentId())
                && r.value().contains("notification-failed") && r.value().contains("stf-not-in-the-directory"),
                Duration.ofSeconds(30));
        assertThat(Mailbox.messagesFor(onCall.email)).noneMatch(m -> m.body().contains(base.incidentId()));
    }

    @Test
    void everyoneSetsOnlyTheirOwnPreferences() {
        given().auth().oauth2(Tokens.password("north.staff")).contentType("application/json")
                .body(Map.of("high", List.of("sms"), "critical", List.of("email", "sms")))
                .when().put("/api/v1/preferences/me").then().statusCode(200)
                .body("high.channels", equalTo(List.of("sms"))).body("high.chosen", equalTo(true))
                .body("low.chosen", equalTo(false));
        given().auth().oauth2(Tokens.password("north.staff")).when().get("/api/v1/preferences/me")
                .then().statusCode(200).body("critical.channels", equalTo(List.of("email", "sms")));
        given().auth().oauth2(Tokens.password("south.staff")).when().get("/api/v1/preferences/me")
                .then().statusCode(200).body("high.chosen", equalTo(false));
        given().auth().oauth2(Tokens.password("north.staff")).contentType("application/json")
                .body(Map.of("high", List.of()))
                .when().put("/api/v1/preferences/me").then().statusCode(200).body("high.chosen", equalTo(false));

        given().auth().oauth2(Tokens.password("north.staff")).contentType("application/json")
                .body(Map.of("urgent", List.of("email"))).when().put("/api/v1/preferences/me")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("urgent"));
        given().auth().oauth2(Tokens.password("north.staff")).contentType("application/json")
                .body(Map.of("high", List.of("pigeon"))).when().put("/api/v1/preferences/me")
                .then().statusCode(400).body("errors.field", hasItem("high"));
        given().auth().oauth2(Tokens.password("north.staff")).contentType("application/json").body("{")
                .when().put("/api/v1/preferences/me").then().statusCode(400);
        given().auth().oauth2(Tokens.password("north.trust-admin")).when().get("/api/v1/preferences/me")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.app()).when().get("/api/v1/preferences/me").then().statusCode(403);
        given().when().get("/api/v1/preferences/me").then().statusCode(401);
    }

    @Test
    void theHeadAndTheTrustAdminChangeTheirSchoolsSettingsAndNobodyElseDoes() {
        Map<String, Object> quiet = Map.of("quietHours", Map.of("from", "18:00", "until", "07:30"), "digest", "daily",
                "phone", "0191 496 0000", "email", "office@north.demo.vigil.test");
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json").body(quiet)
                .when().put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(200)
                .body("quietHours.from", equalTo("18:00:00")).body("digest", equalTo("daily"))
                .body("channels.critical", hasItem("email"));
        given().auth().oauth2(Tokens.password("north.dsl")).when()
                .get("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings")
                .then().statusCode(200).body("phone", equalTo("0191 496 0000"));
        given().auth().oauth2(Tokens.password("north.dsl")).contentType("application/json").body(quiet)
                .when().put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(403);
        given().auth().oauth2(Tokens.password("south.head")).when()
                .get("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(403);
        given().auth().oauth2(Tokens.password("north.staff")).when()
                .get("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(403);
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json")
                .body(Map.of("digest", "hourly")).when()
                .put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json")
                .body(Map.of("channels", Map.of("high", List.of("fax")))).when()
                .put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings")
                .then().statusCode(400).body("errors.field", hasItem("channels.high"));
        given().auth().oauth2(Tokens.password("north.head")).contentType("application/json")
                .body(Map.of("quietHours", Map.of("from", "18:00", "until", "07:30"))).when()
                .put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(200);
        // Quiet hours cleared again for the other tests: an empty window is never quiet.
        given().auth().oauth2(Tokens.password("north.trust-admin")).contentType("application/json")
                .body(Map.of("quietHours", Map.of("from", "00:00", "until", "00:00"), "digest", "off")).when()
                .put("/api/v1/schools/" + DemoTrust.NORTH.id() + "/notification-settings").then().statusCode(200);
    }

    private static void setChannels(String head, String schoolId, Map<String, List<String>> channels) {
        given().auth().oauth2(Tokens.password(head)).contentType("application/json").body(Map.of("channels", channels))
                .when().put("/api/v1/schools/" + schoolId + "/notification-settings").then().statusCode(200);
    }

    private static void choose(String email, String severity, String channels) {
        QuarkusTransaction.requiringNew().run(() -> {
            StaffPreference preference = new StaffPreference();
            preference.trustId = DemoTrust.TRUST_ID;
            preference.email = email;
            preference.severity = severity;
            preference.channels = channels;
            preference.updatedAt = Instant.now();
            preference.persist();
        });
    }

    private static List<NotificationTestStack.Text> textsTo(String mobile) {
        return NotificationTestStack.texts().stream().filter(n -> n.recipient().replace(" ", "").equals(mobile.replace(" ", ""))).toList();
    }

    /** A member of staff published on the directory topic, as intake does; returns them once notification has them. */
    private static StaffMember staff(String schoolId, SafeguardingRole role, String mobile) {
        String id = "stf-" + UUID.randomUUID();
        String email = id + "@staff.demo.vigil.test";
        StaffMemberUpdated staff = new StaffMemberUpdated(id, DemoTrust.TRUST_ID, schoolId, "Test " + role.wireName(),
                email, mobile, role, List.of(), Instant.now());
        TopicProbe.send(Topics.DIRECTORY, id, EventCodec.encode(EventCodec.envelope(UUID.randomUUID().toString(),
                "/vigil/intake", staff, id, DemoTrust.TRUST_ID, schoolId, id, Instant.now())));
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> StaffMember.<StaffMember>findById(id)),
                member -> member != null);
    }

    private static IncidentOpened incident(DemoTrust.School school, Severity severity) {
        Instant now = Instant.now();
        return new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, school.id(), "self-harm", severity,
                List.of("test"), "dsl", List.of(UUID.randomUUID().toString()), null, now, now);
    }

    private static void publish(String incidentId, String schoolId, Record payload) {
        TopicProbe.send(Topics.INCIDENTS, incidentId, EventCodec.encode(EventCodec.envelope(
                UUID.randomUUID().toString(), "/vigil/triage", payload, incidentId, DemoTrust.TRUST_ID, schoolId, null,
                Instant.now())));
    }

    private static Delivery textOf(IncidentOpened incident) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "incidentId = ?1 and channel = 'sms'", incident.incidentId()).singleResult());
    }
}
