package io.vigil.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.demo.DemoTrust;
import io.vigil.reporting.assurance.AnnualReview;
import io.vigil.reporting.assurance.AssuranceRecords;
import io.vigil.reporting.assurance.FilteringChange;
import io.vigil.reporting.assurance.FilteringCheck;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.reporting.report.ReportPeriod;
import io.vigil.reporting.report.Reports;
import io.vigil.reporting.retention.DirectoryPerson;
import io.vigil.reporting.retention.RetentionFixtures;
import io.vigil.reporting.retention.RetentionHold;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The isolation matrix of the reporting endpoints {@link IsolationMatrixTest} leaves out (reports, subject
 * access, retention and the filtering assurance register, reads and writes): every endpoint × every demo
 * user × a set of data of North Primary, of South Academy and of another trust under North Primary's id.
 * Each case asserts the status the service documents, that an answer shows nothing of a school or trust
 * it is not about (no id, no row, no count), and that a refused write changed nothing in the database.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TRUST = DemoTrust.TRUST_ID;
    private static final String NORTH = DemoTrust.NORTH.id();
    private static final String SOUTH = DemoTrust.SOUTH.id();
    /** A learner born then is past every retention date: their records are due for review and disposal. */
    private static final LocalDate BORN = LocalDate.of(1900, 1, 1);
    private static final List<String> USERS = List.of("staff", "dsl", "deputy-dsl", "head", "governor",
            "trust-safeguarding-lead", "trust-admin").stream()
            .flatMap(role -> java.util.stream.Stream.of("north." + role, "south." + role)).toList();
    private static final String TRUST_LEAD = "trust-safeguarding-lead";
    private static final String TRUST_ADMIN = "trust-admin";

    /** The three sets of data each endpoint is asked about. */
    enum DataSet {
        OWN_SCHOOL, OTHER_SCHOOL, OTHER_TRUST
    }

    /**
     * A set of data: a learner due for review with an incident, a legal hold in force on another incident, a
     * decided filtering change, checks and an annual review, and how many incidents, changes and checks it has in
     * the matrix's report term.
     */
    private record Data(DataSet name, String trustId, String schoolId, String personId, String incidentId,
            String holdId, String changeId, String checkMark, String reviewId, int incidents, int changes,
            int checks) {

        List<String> marks() {
            return List.of(personId, incidentId, holdId, changeId, checkMark, reviewId);
        }
    }

    /** How an endpoint answers for a set of data the caller may reach, and how it refuses one they may not. */
    private enum Reach {
        /** Trust-wide: no school or record is named; another trust's data is left out. */
        TRUST_WIDE,
        /** A school named in the path or query: another school is refused (403). */
        SCHOOL_FORBIDDEN,
        /** A school of the assurance register named in the path: another school does not exist (404). */
        SCHOOL_NOT_FOUND,
        /** An entry of the assurance register: another school's or trust's does not exist (404). */
        ENTRY_NOT_FOUND,
        /** A change asked for naming the entry it corrects: another trust's is not an entry of the school (400). */
        CORRECTION,
        /** A record (incident, hold, person): another trust's is unknown (404), another school's refused (403). */
        RECORD
    }

    /** Every endpoint the matrix covers, the roles it answers and how it reaches a set of data. */
    enum Endpoint {
        SCHOOL_REPORT(Reach.SCHOOL_FORBIDDEN, 200, "governor", "head", "dsl", TRUST_LEAD),
        TRUST_REPORT(Reach.TRUST_WIDE, 200, TRUST_LEAD),
        SUBJECT_ACCESS(Reach.RECORD, 200, "head", "dsl", TRUST_LEAD),
        RETENTION_REVIEW(Reach.SCHOOL_FORBIDDEN, 200, "head", TRUST_LEAD),
        HOLDS(Reach.SCHOOL_FORBIDDEN, 200, "head", TRUST_LEAD),
        HOLD_PLACE(Reach.RECORD, 201, "head", TRUST_LEAD),
        HOLD_RELEASE(Reach.RECORD, 200, "head", TRUST_LEAD),
        DISPOSAL(Reach.RECORD, 201, "head", TRUST_LEAD),
        CHANGES(Reach.SCHOOL_NOT_FOUND, 200, "dsl", "head", TRUST_ADMIN),
        CHANGE(Reach.ENTRY_NOT_FOUND, 200, "dsl", "head", TRUST_ADMIN),
        CHANGE_REQUEST(Reach.CORRECTION, 201, "dsl", "head", TRUST_ADMIN),
        CHANGE_APPROVAL(Reach.ENTRY_NOT_FOUND, 200, "head", TRUST_ADMIN),
        CHANGE_REJECTION(Reach.ENTRY_NOT_FOUND, 200, "head", TRUST_ADMIN),
        CHANGE_APPLICATION(Reach.ENTRY_NOT_FOUND, 200, "dsl", "head", TRUST_ADMIN),
        CHECKS(Reach.SCHOOL_NOT_FOUND, 200, "dsl", "head", TRUST_ADMIN),
        CHECK_RECORD(Reach.SCHOOL_NOT_FOUND, 201, "dsl", "head", TRUST_ADMIN),
        REVIEWS(Reach.SCHOOL_NOT_FOUND, 200, "dsl", "head", TRUST_ADMIN),
        REVIEW_SIGN_OFF(Reach.SCHOOL_NOT_FOUND, 201, "dsl", "head", TRUST_ADMIN),
        TRUST_CHANGES(Reach.TRUST_WIDE, 200, TRUST_ADMIN),
        TRUST_SUMMARY(Reach.TRUST_WIDE, 200, TRUST_ADMIN);

        final Reach reach;
        final int ok;
        final Set<String> roles;

        Endpoint(Reach reach, int ok, String... roles) {
            this.reach = reach;
            this.ok = ok;
            this.roles = Set.of(roles);
        }

        boolean writes() {
            return ok == 201 || name().startsWith("HOLD_") || name().startsWith("CHANGE_");
        }
    }

    /** An answer and what the request named, which the answer may echo. */
    private record Call(Response response, List<String> named) {
    }

    private final Map<DataSet, Data> data = new EnumMap<>(DataSet.class);
    private final Map<String, String> tokens = new HashMap<>();
    private final Random random = new Random();
    /** A report term no other test writes in, and its first and last day. */
    private ReportPeriod term;
    /** The day checks and reviews recorded by the matrix were done: before any report period. */
    private LocalDate recordedOn;
    /** When the changes the matrix decides were asked for: before any report period. */
    private Instant requestedAt;

    @Inject
    Reports reports;

    @BeforeAll
    void generate() {
        term = emptyTerm();
        recordedOn = LocalDate.of(1985, 1, 1).plusDays(random.nextInt(3_000));
        requestedAt = recordedOn.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(80_000));
        String otherTrust = "isolation-trust-" + UUID.randomUUID().toString().substring(0, 8);
        List<Data> all = List.of(data(DataSet.OWN_SCHOOL, TRUST, NORTH, 6, 2, 3),
                data(DataSet.OTHER_SCHOOL, TRUST, SOUTH, 8, 4, 5),
                data(DataSet.OTHER_TRUST, otherTrust, NORTH, 10, 7, 9));
        all.forEach(d -> data.put(d.name(), d));
    }

    /** A term of a year long past in which neither demo school has incidents or assurance records. */
    private ReportPeriod emptyTerm() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int year = 2000 + random.nextInt(18);
            String id = year + "-" + String.format("%02d", (year + 1) % 100) + "-"
                    + ReportPeriod.TERMS.get(random.nextInt(3));
            ReportPeriod period = reports.period(id);
            Instant from = period.from().atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.DAYS);
            Instant to = period.toExclusive().atStartOfDay(ZoneOffset.UTC).toInstant().plus(1, ChronoUnit.DAYS);
            boolean empty = List.of(NORTH, SOUTH).stream().allMatch(school -> TestRows.periodEmpty(school, from, to)
                    && QuarkusTransaction.requiringNew().call(() -> FilteringChange.count(
                            "schoolId = ?1 and requestedAt >= ?2 and requestedAt < ?3", school, from, to)
                            + FilteringChange.count("schoolId = ?1 and decidedAt >= ?2 and decidedAt < ?3", school,
                                    from, to)
                            + FilteringCheck.count("schoolId = ?1 and checkedOn >= ?2 and checkedOn < ?3", school,
                                    period.from().minusDays(1), period.toExclusive().plusDays(1)) == 0));
            if (empty) {
                return period;
            }
        }
        throw new IllegalStateException("no empty report term found");
    }

    /**
     * Writes a set of data: the report term's incidents, changes and checks, a review, a learner due for review,
     * a hold.
     */
    private Data data(DataSet name, String trustId, String schoolId, int incidents, int changes, int checks) {
        Instant start = term.from().plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant().plus(12, ChronoUnit.HOURS);
        List<io.quarkus.hibernate.orm.panache.PanacheEntityBase> rows = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            rows.add(TestRows.incident(trustId, schoolId, start.plus(i, ChronoUnit.HOURS)));
        }
        List<FilteringChange> made = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            Instant requested = start.plus(i, ChronoUnit.HOURS);
            FilteringChange change = AssuranceRecords.change(trustId, schoolId, requested, FilteringChange.REJECTED,
                    requested.plus(1, ChronoUnit.HOURS));
            made.add(change);
            rows.add(change);
        }
        String checkMark = "iso-check-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < checks; i++) {
            FilteringCheck check = AssuranceRecords.check(trustId, schoolId, term.from().plusDays(7 + i), "pass");
            check.performedBy = checkMark;
            rows.add(check);
        }
        TestRows.insert(rows);
        LocalDate reviewedOn = term.from().plusDays(20);
        String reviewId = QuarkusTransaction.requiringNew().call(() -> {
            AssuranceRecords.review(trustId, schoolId, reviewedOn, reviewedOn.plusMonths(6));
            return AnnualReview.<AnnualReview>find("trustId = ?1 and schoolId = ?2 and reviewedOn = ?3", trustId,
                    schoolId, reviewedOn).firstResult().id.toString();
        });
        DirectoryPerson learner = RetentionFixtures.person(trustId, schoolId, DirectoryPerson.LEARNER, BORN, null);
        RegisterEntry incident = RetentionFixtures.incident(trustId, schoolId, learner.personId, false,
                Instant.now());
        String held = RetentionFixtures.incident(trustId, schoolId, "pupil-" + UUID.randomUUID(), false,
                Instant.now()).incidentId;
        String holdId = RetentionFixtures.hold(trustId, schoolId, held).id.toString();
        return new Data(name, trustId, schoolId, learner.personId, incident.incidentId, holdId,
                made.get(0).id.toString(), checkMark, reviewId, incidents, changes, checks);
    }

    static List<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String user : USERS) {
                for (DataSet set : DataSet.values()) {
                    cases.add(Arguments.of(endpoint, user, set));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} for {1} on {2}")
    @MethodSource("matrix")
    void eachEndpointAnswersOnlyForWhatIsTheCallers(Endpoint endpoint, String user, DataSet set) {
        Data d = data.get(set);
        int expected = expected(endpoint, user, d);
        Call call = call(endpoint, user, d, expected);
        Response response = call.response();
        String body = response.body().asString();
        assertThat(response.statusCode()).as(body).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        }
        // Nothing of a set of data the caller may not reach, unless the request itself named it.
        for (Data other : data.values()) {
            if (!reaches(user, other)) {
                for (String mark : other.marks()) {
                    if (!call.named().contains(mark)) {
                        assertThat(body).as(endpoint + " hides " + other.name()).doesNotContain(mark);
                    }
                }
            }
        }
        if (expected < 300 && !endpoint.writes()) {
            assertShown(endpoint, user, d, response);
        }
    }

    /** The status the service documents for the caller and the set of data. */
    private static int expected(Endpoint endpoint, String user, Data d) {
        if (!endpoint.roles.contains(role(user))) {
            return 403;
        }
        boolean school = schools(user).contains(d.schoolId());
        boolean trust = TRUST.equals(d.trustId());
        return switch (endpoint.reach) {
            case TRUST_WIDE -> endpoint.ok;
            case SCHOOL_FORBIDDEN -> school ? endpoint.ok : 403;
            case SCHOOL_NOT_FOUND -> school ? endpoint.ok : 404;
            case ENTRY_NOT_FOUND -> school && trust ? endpoint.ok : 404;
            case CORRECTION -> !school ? 404 : trust ? endpoint.ok : 400;
            case RECORD -> !trust ? 404 : school ? endpoint.ok : 403;
        };
    }

    private static String role(String user) {
        return user.substring(user.indexOf('.') + 1);
    }

    /** The schools of the caller's token: the trust's roles have both demo schools. */
    private static Set<String> schools(String user) {
        String role = role(user);
        if (role.equals(TRUST_LEAD) || role.equals(TRUST_ADMIN)) {
            return Set.of(NORTH, SOUTH);
        }
        return Set.of(user.startsWith("north.") ? NORTH : SOUTH);
    }

    private static boolean reaches(String user, Data d) {
        return TRUST.equals(d.trustId()) && schools(user).contains(d.schoolId());
    }

    /** Makes the request of a case, with a fresh record to act on for a write, and checks the database after it. */
    private Call call(Endpoint endpoint, String user, Data d, int expected) {
        String assurance = "/api/v1/assurance/schools/" + d.schoolId();
        String period = term.id();
        return switch (endpoint) {
            case SCHOOL_REPORT -> new Call(as(user).queryParam("format", "json")
                    .get("/api/v1/reports/schools/" + d.schoolId() + "/" + period), List.of());
            case TRUST_REPORT -> new Call(as(user).queryParam("format", "json").get("/api/v1/reports/trust/" + period),
                    List.of());
            case SUBJECT_ACCESS -> new Call(as(user).get("/api/v1/subject-access/" + d.personId()),
                    List.of(d.personId()));
            case RETENTION_REVIEW -> new Call(as(user).queryParam("schoolId", d.schoolId()).queryParam("size", 500)
                    .get("/api/v1/retention/review"), List.of());
            case HOLDS -> new Call(all(user, "/api/v1/retention/holds?schoolId=" + d.schoolId()), List.of());
            case HOLD_PLACE -> placeHold(user, d, expected);
            case HOLD_RELEASE -> releaseHold(user, d, expected);
            case DISPOSAL -> dispose(user, d, expected);
            case CHANGES -> new Call(all(user, assurance + "/filtering-changes"), List.of());
            case CHANGE -> new Call(as(user).get(assurance + "/filtering-changes/" + d.changeId()),
                    List.of(d.changeId()));
            case CHANGE_REQUEST -> requestChange(user, d, expected);
            case CHANGE_APPROVAL -> decide(user, d, expected, FilteringChange.REQUESTED, "approval",
                    FilteringChange.APPROVED);
            case CHANGE_REJECTION -> decide(user, d, expected, FilteringChange.REQUESTED, "rejection",
                    FilteringChange.REJECTED);
            case CHANGE_APPLICATION -> decide(user, d, expected, FilteringChange.APPROVED, "application",
                    FilteringChange.APPLIED);
            case CHECKS -> new Call(all(user, assurance + "/checks"), List.of());
            case CHECK_RECORD -> record(user, d, expected, "checks", mark -> Map.of("checkedOn",
                    recordedOn.toString(), "method", "filtering-log-review", "performedBy", mark, "result", "pass"),
                    mark -> FilteringCheck.<FilteringCheck>list("performedBy", mark).stream()
                            .map(c -> c.trustId + "/" + c.schoolId).toList());
            case REVIEWS -> new Call(all(user, assurance + "/annual-reviews"), List.of());
            case REVIEW_SIGN_OFF -> record(user, d, expected, "annual-reviews", mark -> Map.of("reviewedOn",
                    recordedOn.toString(), "signedBy", mark, "signerRole", "head", "summary", "Isolation matrix",
                    "nextReviewDue", recordedOn.plusMonths(6).toString()),
                    mark -> AnnualReview.<AnnualReview>list("signedBy", mark).stream()
                            .map(r -> r.trustId + "/" + r.schoolId).toList());
            case TRUST_CHANGES -> new Call(all(user, "/api/v1/assurance/filtering-changes"), List.of());
            case TRUST_SUMMARY -> new Call(as(user).queryParam("from", term.from().toString())
                    .queryParam("to", term.toExclusive().toString()).get("/api/v1/assurance/summary"), List.of());
        };
    }

    /** What a read shows of the set of data it was asked about: its rows, or its counts alone. */
    private void assertShown(Endpoint endpoint, String user, Data d, Response response) {
        // A read of a school shows that school's data of the caller's trust: another trust's under the same id never.
        Data school = d.schoolId().equals(NORTH) ? data.get(DataSet.OWN_SCHOOL) : data.get(DataSet.OTHER_SCHOOL);
        Data own = data.get(DataSet.OWN_SCHOOL);
        Data other = data.get(DataSet.OTHER_SCHOOL);
        JsonPath json = response.jsonPath();
        String body = response.body().asString();
        switch (endpoint) {
            case SCHOOL_REPORT -> {
                assertThat(json.getString("schoolId")).isEqualTo(d.schoolId());
                assertThat(reportValue(json, "summary", "Incidents opened")).isEqualTo(school.incidents());
                assertThat(assuranceValue(json, "Filtering changes asked for")).isEqualTo(school.changes());
                assertThat(assuranceValue(json, "Checks of filtering and monitoring done")).isEqualTo(school.checks());
            }
            case TRUST_REPORT -> {
                assertThat(json.getString("trustId")).isEqualTo(TRUST);
                assertThat(reportValue(json, "summary", "Incidents opened")).isEqualTo(own.incidents()
                        + other.incidents());
                assertThat(reportValue(json, "by-school", NORTH)).isEqualTo(own.incidents());
                assertThat(reportValue(json, "by-school", SOUTH)).isEqualTo(other.incidents());
                assertThat(json.getList("tables.find { it.key == 'by-school' }.rows")).hasSize(2);
                assertThat(assuranceValue(json, "Filtering changes asked for")).isEqualTo(own.changes()
                        + other.changes());
                assertThat(assuranceValue(json, "Checks of filtering and monitoring done")).isEqualTo(own.checks()
                        + other.checks());
            }
            case SUBJECT_ACCESS -> {
                assertThat(json.getString("personId")).isEqualTo(d.personId());
                assertThat(json.getList("incidents.incidentId")).containsExactly(d.incidentId());
            }
            case RETENTION_REVIEW -> {
                assertThat(json.getList("schoolId", String.class)).containsOnly(d.schoolId());
                assertThat(json.getList("incidentId", String.class)).contains(school.incidentId());
            }
            case HOLDS -> {
                assertThat(json.getList("schoolId", String.class)).containsOnly(d.schoolId());
                assertThat(json.getList("id", String.class)).contains(school.holdId());
            }
            case CHANGES -> {
                assertThat(json.getList("schoolId", String.class)).containsOnly(d.schoolId());
                assertThat(json.getList("id", String.class)).contains(school.changeId());
            }
            case CHANGE -> assertThat(json.getString("id")).isEqualTo(d.changeId());
            case CHECKS -> {
                assertThat(json.getList("schoolId", String.class)).containsOnly(d.schoolId());
                assertThat(json.getList("performedBy", String.class)).contains(school.checkMark())
                        .filteredOn(mark -> mark.equals(school.checkMark())).hasSize(school.checks());
            }
            case REVIEWS -> {
                assertThat(json.getList("schoolId", String.class)).containsOnly(d.schoolId());
                assertThat(json.getList("id", String.class)).contains(school.reviewId());
            }
            case TRUST_CHANGES -> {
                assertThat(json.getList("schoolId", String.class)).containsOnly(NORTH, SOUTH);
                assertThat(json.getList("id", String.class)).contains(own.changeId(), other.changeId());
            }
            case TRUST_SUMMARY -> {
                assertThat(json.getInt("trust.changesRequested")).isEqualTo(own.changes() + other.changes());
                assertThat(json.getInt("trust.checksDone")).isEqualTo(own.checks() + other.checks());
                assertThat(json.getList("schools.schoolId", String.class)).containsExactlyInAnyOrder(NORTH, SOUTH);
                for (Data shown : List.of(own, other)) {
                    String row = "schools.find { it.schoolId == '" + shown.schoolId() + "' }.summary";
                    assertThat(json.getInt(row + ".changesRequested")).isEqualTo(shown.changes());
                    assertThat(json.getInt(row + ".changesRejected")).isEqualTo(shown.changes());
                    assertThat(json.getInt(row + ".checksDone")).isEqualTo(shown.checks());
                }
            }
            default -> throw new IllegalArgumentException(endpoint + " is a write");
        }
        assertThat(body).as(endpoint + " shows nothing of another trust").doesNotContain(
                data.get(DataSet.OTHER_TRUST).trustId());
    }

    private static int reportValue(JsonPath report, String table, String label) {
        return Integer.parseInt(report.getString("tables.find { it.key == '" + table + "' }.rows.find { it[0] == '"
                + label + "' }[1]"));
    }

    private static int assuranceValue(JsonPath report, String label) {
        return Integer.parseInt(report.getString("assurance.rows.find { it[0] == '" + label + "' }[1]"));
    }

    private Call placeHold(String user, Data d, int expected) {
        String incident = incident(d, false);
        Response response = as(user).contentType(ContentType.JSON)
                .body(Map.of("incidentId", incident, "reason", "Isolation matrix")).post("/api/v1/retention/holds");
        List<String> holds = inTransaction(() -> RetentionHold.<RetentionHold>list("incidentId", incident).stream()
                .map(h -> h.trustId + "/" + h.schoolId).toList());
        assertThat(holds).as("holds on the incident").isEqualTo(expected == 201
                ? List.of(d.trustId() + "/" + d.schoolId()) : List.of());
        return new Call(response, List.of(incident));
    }

    private Call releaseHold(String user, Data d, int expected) {
        String incident = incident(d, false);
        RetentionHold hold = RetentionFixtures.hold(d.trustId(), d.schoolId(), incident);
        Response response = as(user).contentType(ContentType.JSON).body(Map.of("reason", "Isolation matrix"))
                .delete("/api/v1/retention/holds/" + hold.id);
        Instant released = inTransaction(() -> RetentionHold.<RetentionHold>findById(hold.id).releasedAt);
        assertThat(released != null).as("released").isEqualTo(expected == 200);
        return new Call(response, List.of(incident, hold.id.toString()));
    }

    private Call dispose(String user, Data d, int expected) {
        String incident = incident(d, true);
        Response response = as(user).contentType(ContentType.JSON)
                .body(Map.of("incidentId", incident, "reason", "Isolation matrix")).post("/api/v1/retention/disposals");
        boolean kept = inTransaction(() -> RegisterEntry.findById(incident) != null);
        assertThat(kept).as("incident kept").isEqualTo(expected != 201);
        return new Call(response, List.of(incident));
    }

    /** A fresh closed incident of the set of data; about a learner past their retention date when {@code due}. */
    private static String incident(Data d, boolean due) {
        String person = due
                ? RetentionFixtures.person(d.trustId(), d.schoolId(), DirectoryPerson.LEARNER, BORN, null).personId
                : "pupil-" + UUID.randomUUID();
        return RetentionFixtures.incident(d.trustId(), d.schoolId(), person, false, Instant.now()).incidentId;
    }

    private Call requestChange(String user, Data d, int expected) {
        String target = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        Response response = as(user).contentType(ContentType.JSON).body(Map.of("action", "block", "targetKind",
                "category", "target", target, "reason", "Isolation matrix", "corrects", d.changeId()))
                .post("/api/v1/assurance/schools/" + d.schoolId() + "/filtering-changes");
        List<FilteringChange> made = inTransaction(() -> FilteringChange.<FilteringChange>list("target", target));
        if (expected == 201) {
            assertThat(made).singleElement().satisfies(c -> {
                assertThat(c.trustId).isEqualTo(TRUST);
                assertThat(c.schoolId).isEqualTo(d.schoolId());
                assertThat(c.corrects).hasToString(d.changeId());
            });
            // Turned down at once, so that nothing the matrix asked for is left waiting at a demo school.
            String decider = user.equals("north.trust-admin") ? "south.trust-admin" : "north.trust-admin";
            as(decider).contentType(ContentType.JSON)
                    .body(Map.of("note", "Isolation matrix")).post("/api/v1/assurance/schools/" + d.schoolId()
                            + "/filtering-changes/" + made.get(0).id + "/rejection")
                    .then().statusCode(200);
        } else {
            assertThat(made).isEmpty();
        }
        return new Call(response, List.of(d.changeId()));
    }

    /** Decides or applies a fresh entry in state {@code from}: it is in {@code to} afterwards only if allowed. */
    private Call decide(String user, Data d, int expected, String from, String step, String to) {
        FilteringChange change = AssuranceRecords.change(d.trustId(), d.schoolId(), requestedAt, from,
                requestedAt.plus(1, ChronoUnit.HOURS));
        TestRows.insert(List.of(change));
        Response response = as(user).contentType(ContentType.JSON)
                .body(step.equals("application") ? Map.of() : Map.of("note", "Isolation matrix"))
                .post("/api/v1/assurance/schools/" + d.schoolId() + "/filtering-changes/" + change.id + "/" + step);
        String status = inTransaction(() -> FilteringChange.<FilteringChange>findById(change.id).status);
        assertThat(status).as("status after a " + step).isEqualTo(expected == 200 ? to : from);
        if (expected != 200 && FilteringChange.REQUESTED.equals(from) && TRUST.equals(d.trustId())) {
            as("north.trust-admin").contentType(ContentType.JSON).body(Map.of("note", "Isolation matrix"))
                    .post("/api/v1/assurance/schools/" + d.schoolId() + "/filtering-changes/" + change.id
                            + "/rejection")
                    .then().statusCode(200);
        }
        return new Call(response, List.of(change.id.toString()));
    }

    /** Records a check or review with a mark of its own: stored (trust/school) in the caller's trust, or not at all. */
    private Call record(String user, Data d, int expected, String register,
            java.util.function.Function<String, Map<String, Object>> body,
            java.util.function.Function<String, List<String>> stored) {
        String mark = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        Response response = as(user).contentType(ContentType.JSON).body(body.apply(mark))
                .post("/api/v1/assurance/schools/" + d.schoolId() + "/" + register);
        List<String> rows = inTransaction(() -> stored.apply(mark));
        assertThat(rows).as(register + " recorded").isEqualTo(expected == 201
                ? List.of(TRUST + "/" + d.schoolId()) : List.of());
        return new Call(response, List.of());
    }

    /** Every page of a list, as one answer (the last page's status and headers, all pages' rows). */
    private Response all(String user, String path) {
        List<Object> rows = new ArrayList<>();
        for (int page = 0;; page++) {
            Response response = as(user).queryParam("size", 500).queryParam("page", page).get(path);
            if (response.statusCode() != 200) {
                return response;
            }
            List<Object> these = response.jsonPath().getList("$");
            rows.addAll(these);
            if (these.size() < 500) {
                try {
                    return new ResponseBuilder().clone(response).setBody(JSON.writeValueAsString(rows)).build();
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static <T> T inTransaction(Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }

    private RequestSpecification as(String user) {
        return given().auth().oauth2(tokens.computeIfAbsent(user, Tokens::password)).when();
    }
}
