package io.vigil.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.reporting.audit.AuditRecords;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reporting endpoint × every demo user × data of North Primary (own school for North's users), of
 * South Academy (the other school) and of another trust under North Primary's id: who is answered, who is
 * refused, and that nothing of a school or trust the caller does not belong to shows, in rows or in counts.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixTest {

    /** One set of data: a register row (closed, from an appliance of its own), notifications on a channel of its own, an audit record. */
    private record Data(String name, String trustId, String schoolId, String incidentId, String applianceId,
            String channel, String auditResource) {
    }

    private static final String OWN = "north";
    private static final String OTHER_SCHOOL = "south";
    private static final String OTHER_TRUST = "other-trust";

    private final Map<String, Data> data = new java.util.HashMap<>();
    /** When every row of the matrix happened: a second of the past no other test uses. */
    private Instant at;

    @BeforeAll
    void generate() {
        at = Instant.parse("1980-01-01T00:00:00Z").plus(new Random().nextInt(3_000), ChronoUnit.DAYS)
                .plusSeconds(new Random().nextInt(86_000));
        String otherTrust = "isolation-trust-" + UUID.randomUUID().toString().substring(0, 8);
        List<Data> all = List.of(data(OWN, DemoTrust.TRUST_ID, DemoTrust.NORTH.id()),
                data(OTHER_SCHOOL, DemoTrust.TRUST_ID, DemoTrust.SOUTH.id()),
                data(OTHER_TRUST, otherTrust, DemoTrust.NORTH.id()));
        List<io.quarkus.hibernate.orm.panache.PanacheEntityBase> rows = new ArrayList<>();
        for (Data d : all) {
            data.put(d.name(), d);
            RegisterEntry incident = TestRows.incident(d.trustId(), d.schoolId(), at);
            incident.incidentId = d.incidentId();
            incident.sourceId = d.applianceId();
            incident.acknowledgedAt = at.plusSeconds(30);
            incident.closedAt = at.plusSeconds(60);
            incident.status = "closed";
            incident.outcome = "false-positive";
            rows.add(incident);
            for (int i = 0; i < 6; i++) {
                rows.add(TestRows.notification(d.trustId(), d.schoolId(), d.channel(),
                        i == 0 ? NotificationOutcome.FAILED : NotificationOutcome.DELIVERED, at));
            }
            AuditRecords.publish(AuditRecords.record(d.trustId(), d.schoolId(), "north.dsl", "incident.read",
                    d.auditResource(), at));
        }
        TestRows.insert(rows);
        for (Data d : all) {
            AuditRecords.awaitStored(d.auditResource(), 1);
        }
    }

    private static Data data(String name, String trustId, String schoolId) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Data(name, trustId, schoolId, UUID.randomUUID().toString(), "appl-" + id, "ch-" + id,
                "res-" + id);
    }

    /** Every endpoint, the roles it answers, and what of a set of data it shows. */
    enum Endpoint {
        REGISTER(Set.of("dsl", "deputy-dsl", "head", "trust-safeguarding-lead")),
        KPIS(Set.of("dsl", "deputy-dsl", "head", "trust-safeguarding-lead", "governor")),
        AUDIT_EVENTS(Set.of("head", "trust-safeguarding-lead")),
        AUDIT_VERIFICATION(Set.of("trust-safeguarding-lead", "trust-admin"));

        final Set<String> roles;

        Endpoint(Set<String> roles) {
            this.roles = roles;
        }
    }

    static List<Object[]> matrix() {
        List<Object[]> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String school : List.of("north", "south")) {
                for (String role : List.of("staff", "dsl", "deputy-dsl", "head", "governor", "trust-safeguarding-lead",
                        "trust-admin")) {
                    cases.add(new Object[] {endpoint, school + "." + role});
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("matrix")
    void eachEndpointShowsTheCallerOnlyWhatIsTheirs(Endpoint endpoint, String user) {
        String role = user.substring(user.indexOf('.') + 1);
        boolean north = user.startsWith("north.");
        String token = Tokens.password(user);
        Response response = call(endpoint, token, null);
        if (!endpoint.roles.contains(role)) {
            assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            return;
        }
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        String body = response.body().asString();
        boolean trustWide = role.equals("trust-safeguarding-lead");
        boolean seesNorth = trustWide || north;
        boolean seesSouth = trustWide || !north;
        assertShows(endpoint, role, body, data.get(OWN), seesNorth);
        assertShows(endpoint, role, body, data.get(OTHER_SCHOOL), seesSouth);
        assertShows(endpoint, role, body, data.get(OTHER_TRUST), false);
        if (endpoint == Endpoint.AUDIT_VERIFICATION) {
            assertThat(response.jsonPath().getString("trustId")).isEqualTo(DemoTrust.TRUST_ID);
            assertThat(body).doesNotContain(data.get(OTHER_TRUST).trustId()).doesNotContain(otherTrustHead());
            return;
        }
        // Asking for the other school by name: the trust lead may, nobody else.
        String otherSchool = north ? DemoTrust.SOUTH.id() : DemoTrust.NORTH.id();
        Response other = call(endpoint, token, otherSchool);
        if (trustWide) {
            assertThat(other.statusCode()).isEqualTo(200);
            assertShows(endpoint, role, other.body().asString(), north ? data.get(OTHER_SCHOOL) : data.get(OWN), true);
            assertShows(endpoint, role, other.body().asString(), data.get(OTHER_TRUST), false);
        } else {
            assertThat(other.statusCode()).as(other.body().asString()).isEqualTo(403);
        }
    }

    /** Whether the set of data shows in an answer: its row, its appliance, its channel, its audit record. */
    private static void assertShows(Endpoint endpoint, String role, String body, Data d, boolean shown) {
        List<String> marks = switch (endpoint) {
            case REGISTER -> List.of(d.incidentId(), d.applianceId());
            // A governor is shown no appliance: the notifications' channel is what tells a school's counts apart.
            case KPIS -> role.equals("governor") ? List.of(d.channel()) : List.of(d.applianceId(), d.channel());
            case AUDIT_EVENTS -> List.of(d.auditResource());
            case AUDIT_VERIFICATION -> List.of(d.incidentId(), d.auditResource());
        };
        for (String mark : marks) {
            if (shown && endpoint != Endpoint.AUDIT_VERIFICATION) {
                assertThat(body).as(endpoint + " shows " + d.name()).contains(mark);
            } else {
                assertThat(body).as(endpoint + " hides " + d.name()).doesNotContain(mark);
            }
        }
    }

    private Response call(Endpoint endpoint, String token, String schoolId) {
        String period = "from=" + at + "&to=" + at.plusSeconds(1);
        String school = schoolId == null ? "" : "&schoolId=" + schoolId;
        String path = switch (endpoint) {
            case REGISTER -> "/api/v1/register/incidents?size=500&" + period + school;
            case KPIS -> "/api/v1/kpis?" + period + school;
            case AUDIT_EVENTS -> "/api/v1/audit/events?size=500&" + period + school;
            case AUDIT_VERIFICATION -> "/api/v1/audit/verification";
        };
        return given().auth().oauth2(token).when().get(path);
    }

    private String otherTrustHead() {
        return QuarkusTransaction.requiringNew().call(() -> (String) io.quarkus.arc.Arc.container()
                .instance(EntityManager.class).get()
                .createNativeQuery("select last_hash from audit_chain_head where trust_id = ?1")
                .setParameter(1, data.get(OTHER_TRUST).trustId()).getSingleResult());
    }
}
