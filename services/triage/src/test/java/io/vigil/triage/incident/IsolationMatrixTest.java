package io.vigil.triage.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.triage.alert.Alerts;
import io.vigil.testing.VigilStackResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every case endpoint × every role × North's own incident, the same school id in another trust, and
 * a case about a member of staff: who reads and acts (200), whose role does not allow it (403), and
 * to whom the case does not exist (404). Nothing leaks through the list either.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class IsolationMatrixTest {

    private static final Map<String, String> INCIDENTS = new ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0} on the {1} incident: {2}")
    @CsvSource({
        "north.dsl, own, 200", "north.deputy-dsl, own, 200", "north.head, own, 200",
        "north.trust-safeguarding-lead, own, 200", "south.trust-safeguarding-lead, own, 200",
        "north.staff, own, 403", "north.governor, own, 403", "north.trust-admin, own, 403",
        "south.staff, own, 403", "south.governor, own, 403",
        "south.dsl, own, 404", "south.deputy-dsl, own, 404", "south.head, own, 404",
        "north.dsl, other-trust, 404", "north.deputy-dsl, other-trust, 404", "north.head, other-trust, 404",
        "north.trust-safeguarding-lead, other-trust, 404",
        "north.dsl, about-staff, 404", "north.deputy-dsl, about-staff, 404", "north.head, about-staff, 200",
        "south.head, about-staff, 404", "north.trust-safeguarding-lead, about-staff, 404"
    })
    void everyCaseEndpointAnswersTheSameForTheSameCallerAndCase(String user, String which, int status) {
        String id = incident(which);
        String token = Tokens.password(user);
        assertThat(call(token, "GET", "/api/v1/incidents/" + id).statusCode()).as("read").isEqualTo(status);
        assertThat(call(token, "GET", "/api/v1/incidents/" + id + "/chronology").statusCode()).as("chronology")
                .isEqualTo(status);
        assertThat(call(token, "POST", "/api/v1/incidents/" + id + "/notes").statusCode()).as("note")
                .isEqualTo(status);
        Response list = call(token, "GET", "/api/v1/incidents?size=500");
        if (status == 403) {
            assertThat(list.statusCode()).as("list").isEqualTo(403);
        } else {
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body().asString().contains(id)).as("listed").isEqualTo(status == 200);
        }
    }

    private static Response call(String token, String method, String path) {
        var request = given().auth().oauth2(token);
        return method.equals("GET") ? request.when().get(path)
                : request.contentType("application/json").body("{\"action\": \"Checked\"}").when().post(path);
    }

    /** The incident of each kind, opened once for the whole matrix. */
    private static String incident(String which) {
        return INCIDENTS.computeIfAbsent(which, kind -> {
            String cause = UUID.randomUUID().toString();
            Instant now = Instant.now();
            switch (kind) {
                case "own" -> Alerts.publish(alert(DemoTrust.TRUST_ID, cause, now), cause);
                // The same school id, in another trust: a different school that happens to share the id.
                case "other-trust" -> Alerts.publish(alert("isolation-other-trust", cause, now), cause);
                default -> {
                    ConcernReported concern = new ConcernReported(cause, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                            "north.staff", null, null, false, true, null, PolicyCategory.OTHER, "Matrix", null, now,
                            now);
                    TopicProbe.send(Topics.ALERTS, DemoTrust.NORTH.id(), EventCodec.encode(EventCodec.envelope(cause,
                            "/vigil/intake", concern, cause, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), cause, now)));
                }
            }
            return EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS,
                    r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type()) && r.value().contains(cause),
                    Duration.ofSeconds(30)).value()), IncidentOpened.class).incidentId();
        });
    }

    private static AlertReceived alert(String trustId, String eventId, Instant now) {
        return new AlertReceived(eventId, trustId, DemoTrust.NORTH.id(), "appl-" + trustId, eventId,
                SourceKind.FILTERING, "smoothwall", "Gambling", "blocked", "pupil-" + eventId, null, null, null, now,
                now);
    }
}
