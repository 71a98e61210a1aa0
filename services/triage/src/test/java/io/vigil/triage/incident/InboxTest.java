package io.vigil.triage.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DSL's inbox: filtered by status, severity, category and silence, most severe and nearest deadline first. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class InboxTest {

    private static final List<String> RANK = List.of("critical", "high", "medium", "low");

    @Test
    void theInboxPutsTheMostSevereAndTheNearestDeadlineFirst() {
        IncidentOpened low = open("Gambling");
        IncidentOpened high = open("Self Harm");
        IncidentOpened critical = open("IWF");
        IncidentOpened medium = open("Pornography");

        List<Map<String, Object>> inbox = inbox("");
        assertThat(inbox).extracting(i -> i.get("id")).contains(low.incidentId(), high.incidentId(),
                critical.incidentId(), medium.incidentId());
        Comparator<Map<String, Object>> priority = Comparator
                .<Map<String, Object>>comparingInt(i -> RANK.indexOf((String) i.get("severity")))
                .thenComparing(i -> (String) i.get("ackDueAt"), Comparator.nullsLast(Comparator.naturalOrder()));
        assertThat(inbox).isSortedAccordingTo(priority);
        // (Self-harm is high by day and critical at night; the sort above holds either way.)
        assertThat(ids(inbox).indexOf(critical.incidentId())).isLessThan(ids(inbox).indexOf(medium.incidentId()));
        assertThat(ids(inbox).indexOf(medium.incidentId())).isLessThan(ids(inbox).indexOf(low.incidentId()));

        List<Map<String, Object>> newest = inbox("&order=newest");
        assertThat(newest).isSortedAccordingTo(Comparator.comparing((Map<String, Object> i) -> (String) i.get("openedAt"))
                .reversed());
    }

    @Test
    void filtersNarrowTheInbox() {
        IncidentOpened high = open("Self Harm");
        IncidentOpened low = open("Gambling");
        given().auth().oauth2(Tokens.password("north.dsl")).when().post("/api/v1/incidents/" + low.incidentId()
                + "/acknowledge").then().statusCode(200);

        List<Map<String, Object>> serious = inbox("&severity=critical,HIGH");
        assertThat(serious).isNotEmpty().allSatisfy(i -> assertThat(i.get("severity")).isIn("critical", "high"));
        assertThat(ids(inbox("&category=self-harm&severity=high,critical"))).contains(high.incidentId());

        List<Map<String, Object>> acknowledged = inbox("&status=acknowledged&category=gambling");
        assertThat(acknowledged).allSatisfy(i -> assertThat(i.get("status")).isEqualTo("acknowledged"));
        assertThat(ids(acknowledged)).contains(low.incidentId()).doesNotContain(high.incidentId());
        assertThat(ids(inbox("&status=open&category=gambling"))).doesNotContain(low.incidentId());
        assertThat(inbox("&silenced=false")).allSatisfy(i -> assertThat(i.get("silenceId")).isNull());
        assertThat(inbox("&assignee=nobody-" + UUID.randomUUID())).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"status, pending", "severity, urgent", "category, noise", "order, oldest", "silenced, maybe"})
    void anUnknownFilterValueIsA400NamingIt(String name, String value) {
        given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/incidents?" + name + "=" + value)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo(name));
    }

    private static List<String> ids(List<Map<String, Object>> inbox) {
        return inbox.stream().map(i -> (String) i.get("id")).toList();
    }

    private static List<Map<String, Object>> inbox(String query) {
        return given().auth().oauth2(Tokens.password("north.dsl")).when()
                .get("/api/v1/incidents?size=500&schoolId=" + DemoTrust.NORTH.id() + query)
                .then().statusCode(200).extract().path("$");
    }

    private static IncidentOpened open(String vendorCategory) {
        return Alerts.awaitOpened(Alerts.publishBlocked(vendorCategory, null));
    }
}
