package io.vigil.intake.directory;

import static io.restassured.RestAssured.given;
import static io.vigil.intake.directory.DirectoryResourceTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alerts name the learner or member of staff the directory holds their user name or device for. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class DirectoryAlertResolutionTest {

    private static final String NORTH = DemoTrust.NORTH.id();

    @Inject
    DirectoryLookup lookup;

    @Test
    void anAlertForAUserNameInTheDirectoryCarriesThePerson() {
        String learner = "lrn-" + UUID.randomUUID();
        String username = "Pupil." + UUID.randomUUID();
        post("north.trust-admin", "learners", "application/json", """
                [{"personId": "%s", "schoolId": "%s", "yearGroup": "Y9", "dateOfBirth": "2011-05-01",
                  "send": false, "lookedAfter": false, "childProtectionPlan": true, "eal": false,
                  "accounts": [{"username": "%s"}]}]
                """.formatted(learner, NORTH, username)).then().statusCode(200);

        String eventId = "dir-" + UUID.randomUUID();
        given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body("""
                        {"eventId": "%s", "occurredAt": "2026-11-23T10:15:00Z", "category": "Gambling",
                         "action": "blocked", "user": "%s"}
                        """.formatted(eventId, username.toUpperCase()))
                .when().post("/api/v1/alerts").then().statusCode(202);

        AlertReceived alert = EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.ALERTS,
                r -> r.value().contains(eventId), Duration.ofSeconds(30)).value()), AlertReceived.class);
        assertThat(alert.personId()).isEqualTo(learner);
        assertThat(alert.personKind()).isEqualTo("learner");
    }

    @Test
    void aDeviceOfThisApplianceResolvesAndAnAmbiguousOrUnknownSubjectDoesNot() {
        String staff = "stf-" + UUID.randomUUID();
        String device = "LAPTOP-" + UUID.randomUUID();
        String shared = "shared." + UUID.randomUUID();
        post("north.trust-admin", "staff", "application/json", """
                [{"personId": "%1$s-a", "schoolId": "%2$s", "displayName": "A", "email": "a@school.example",
                  "safeguardingRole": "none",
                  "accounts": [{"applianceId": "%3$s", "deviceId": "%4$s"}, {"username": "%5$s"}]},
                 {"personId": "%1$s-b", "schoolId": "%2$s", "displayName": "B", "email": "b@school.example",
                  "safeguardingRole": "none", "accounts": [{"username": "%5$s"}]}]
                """.formatted(staff, NORTH, DemoTrust.NORTH.applianceId(), device, shared)).then().statusCode(200);

        DirectoryLookup.Subject byDevice = new DirectoryLookup.Subject(null, device);
        DirectoryLookup.Subject ambiguous = new DirectoryLookup.Subject(shared, null);
        DirectoryLookup.Subject unknown = new DirectoryLookup.Subject("nobody", "nowhere");
        Map<DirectoryLookup.Subject, DirectoryLookup.ResolvedPerson> people = lookup.resolveAll(NORTH,
                DemoTrust.NORTH.applianceId(), List.of(byDevice, ambiguous, unknown));

        assertThat(people).containsOnlyKeys(byDevice);
        assertThat(people.get(byDevice)).isEqualTo(new DirectoryLookup.ResolvedPerson(staff + "-a", "staff"));
        assertThat(lookup.resolve(NORTH, "another-appliance", null, device)).isEmpty();
        assertThat(lookup.resolve(DemoTrust.SOUTH.id(), DemoTrust.SOUTH.applianceId(), null, device)).isEmpty();
    }
}
