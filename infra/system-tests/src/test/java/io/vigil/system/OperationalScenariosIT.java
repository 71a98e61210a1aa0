package io.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.Mailbox;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the schools' online safety policies ask of their filtering and monitoring day to day, proved
 * black-box with every service in its own process on the real stack: the webhook, syslog over TCP and
 * the Smoothwall report upload in, the REST APIs with real tokens, the mailbox over IMAP and the
 * topics as an outside application reads them. No database is read.
 *
 * <p>The policies (Dene House Primary's and Bloemfontein Primary's) have leaders "ensure that regular
 * checks are made to ensure that the filtering and monitoring methods are effective", respond to "a
 * concern identified via monitoring" in line with the safeguarding policy, keep all monitoring "in line
 * with data protection", have the named governor "report ... on online safety practice and incidents,
 * including outcomes", and "audit and evaluate online safety practice".
 *
 * <p>The services run on a school calendar of their own (a school day that starts a few minutes after
 * they are started, on a weekday, in a fixed-offset zone), so that the quiet hours before it and the
 * school hours after it both happen while the class runs: the scenarios that need it run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationalScenariosIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NORTH_DSL_MAIL = "north.dsl@demo.vigil.test";
    private static final String SOUTH_DSL_MAIL = "south.dsl@demo.vigil.test";
    private static final String NOTIFICATIONS = "vigil.notifications.v1";
    private static final String INCIDENTS = "vigil.incidents.v1";
    /** Long enough for the services to start on a busy machine before the school day begins. */
    private static final Duration LEAD = Duration.ofMinutes(4);

    private static Fleet services;
    private static Operations ops;
    private static Optional<Operations.SchoolDay> schoolDay;
    private static String period;
    /** North's incident the isolation scenario reads; the audit scenario looks for those reads. */
    private static String northIncident;
    /** The non-critical incident whose message quiet hours held back. */
    private static String deferredIncident;

    @BeforeAll
    static void startServices() {
        VigilStack.endpoints(); // the shared stack first, so that the lead below is the services' start alone
        schoolDay = Operations.schoolDayStarting(Instant.now(), LEAD);
        Map<String, String> overrides = new LinkedHashMap<>();
        schoolDay.ifPresent(day -> overrides.putAll(day.configuration()));
        // Silence is looked for every few seconds rather than every minute, deferred messages likewise.
        overrides.put("vigil.intake.silence.check-every", "5s");
        overrides.put("vigil.notification.retry-interval", "5s");
        services = Fleet.start(overrides);
        ops = new Operations(services);
        ZoneId zone = schoolDay.map(Operations.SchoolDay::zone).orElse(ZoneId.of("Europe/London"));
        period = Operations.academicYear(LocalDate.now(zone));
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    /**
     * Quiet hours defer, never drop: a non-critical message in the school's quiet hours waits for the
     * school day (requested, not sent, not failed), while a critical one ("report the concern immediately")
     * goes at once. Its release at the start of the school day is {@link #theDeferredMessageGoesOutOnceWhenTheSchoolDayStarts}.
     */
    @Test
    @Order(1)
    void quietHoursHoldANonCriticalMessageButSendACriticalOneAtOnce() {
        assumeTrue(schoolDay.isPresent(), "no UTC offset puts the next minutes on a weekday");
        Operations.SchoolDay day = schoolDay.get();
        assumeTrue(Instant.now().isBefore(day.startsAt().minusSeconds(60)),
                "the services took so long to start that the school day has (nearly) begun");
        JsonNode original = ops.ok(ops.get("notification", "/api/v1/schools/" + Operations.SOUTH
                + "/notification-settings", "south.head"));
        ops.ok(ops.call("PUT", "notification", "/api/v1/schools/" + Operations.SOUTH + "/notification-settings",
                "south.head", quietHours(day.dayStart().minusHours(8).toString(), day.dayStart().toString())));
        try {
            String later = "pupil-quiet-" + RUN;
            String urgent = "pupil-urgent-" + RUN;
            assertThat(ops.alert(Fleet.SOUTH_KEY, "quiet-" + RUN, "Gambling", later, 2).statusCode()).isEqualTo(202);
            assertThat(ops.alert(Fleet.SOUTH_KEY, "urgent-" + RUN, "Child Sexual Abuse Material", urgent, 5)
                    .statusCode()).isEqualTo(202);
            JsonNode deferred = ops.awaitIncident(later, "south.dsl");
            JsonNode critical = ops.awaitIncident(urgent, "south.dsl");
            assertThat(critical.path("severity").asText()).isEqualTo("critical");
            assertThat(deferred.path("severity").asText()).isNotEqualTo("critical");
            String deferredId = deferred.path("id").asText();
            String criticalId = critical.path("id").asText();
            ops.ok(ops.get("triage", "/api/v1/incidents/" + deferredId, "south.dsl"));
            services.assertNotSilenced(deferredId, ops.token("south.dsl"));

            // The critical message is in the DSL's mailbox while it is still quiet hours.
            awaitMail(SOUTH_DSL_MAIL, criticalId);
            assertThat(Instant.now()).as("the critical message arrived in quiet hours").isBefore(day.startsAt());

            // The other was planned (its ledger row announced) but neither sent nor failed: it waits.
            TopicProbe.await(NOTIFICATIONS, r -> r.value().contains(deferredId)
                    && r.value().contains("notification-requested"), Duration.ofSeconds(60));
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> mailsWith(SOUTH_DSL_MAIL, deferredId) == 0);
            assertThat(settledNotificationsOf(deferredId)).as("sent or failed in quiet hours").isEmpty();
            assertThat(Instant.now()).as("still quiet hours").isBefore(day.startsAt());
            deferredIncident = deferredId;
        } finally {
            // Quiet hours are never cleared, only emptied (from = until), which is how a school turns them off.
            JsonNode quiet = original.path("quietHours");
            ops.ok(ops.call("PUT", "notification", "/api/v1/schools/" + Operations.SOUTH + "/notification-settings",
                    "south.head", quiet.isObject() ? quietHours(quiet.path("from").asText(), quiet.path("until").asText())
                            : quietHours("00:00", "00:00")));
        }
    }

    /**
     * One school's staff never see another school's data: South's DSL, head and governor are refused
     * (403/404) or shown nothing of North's on every read of the four services, while North's own roles,
     * the trust safeguarding lead (both schools) and the governor (aggregates, no names) see what theirs is.
     */
    @Test
    @Order(2)
    void oneSchoolsStaffNeverSeeAnotherSchoolsIncidentsOnAnyRead() {
        String northUser = "pupil-iso-n-" + RUN;
        String southUser = "pupil-iso-s-" + RUN;
        assertThat(ops.alert(Fleet.NORTH_KEY, "iso-n-" + RUN, "Weapons", northUser, 3).statusCode()).isEqualTo(202);
        assertThat(ops.alert(Fleet.SOUTH_KEY, "iso-s-" + RUN, "Weapons", southUser, 3).statusCode()).isEqualTo(202);
        String north = ops.awaitIncident(northUser, "north.dsl").path("id").asText();
        String south = ops.awaitIncident(southUser, "south.dsl").path("id").asText();
        northIncident = north;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() ->
                ops.get("reporting", "/api/v1/register/incidents?size=500", "north.dsl").body().contains(north));

        // Every GET under /api/v1 of the four services, aimed at North (its school, its incident).
        List<String[]> reads = List.of(
                new String[] {"triage", "/api/v1/incidents?size=500&order=newest"},
                new String[] {"triage", "/api/v1/incidents?schoolId={school}&size=500"},
                new String[] {"triage", "/api/v1/incidents/{incident}"},
                new String[] {"triage", "/api/v1/incidents/{incident}/chronology"},
                new String[] {"triage", "/api/v1/silences"},
                new String[] {"triage", "/api/v1/rota"},
                new String[] {"triage", "/api/v1/taxonomy/unmapped"},
                new String[] {"triage", "/api/v1/taxonomy/overrides"},
                new String[] {"intake", "/api/v1/appliances?schoolId={school}"},
                new String[] {"intake", "/api/v1/quarantine"},
                new String[] {"intake", "/api/v1/concerns"},
                new String[] {"notification", "/api/v1/schools/{school}/notification-settings"},
                new String[] {"notification", "/api/v1/schools/{school}/webhooks"},
                new String[] {"notification", "/api/v1/templates"},
                new String[] {"reporting", "/api/v1/register/incidents?size=500"},
                new String[] {"reporting", "/api/v1/register/incidents?schoolId={school}&size=500"},
                new String[] {"reporting", "/api/v1/reports/schools/{school}/{period}?format=json"},
                new String[] {"reporting", "/api/v1/reports/trust/{period}?format=json"},
                new String[] {"reporting", "/api/v1/kpis?schoolId={school}"},
                new String[] {"reporting", "/api/v1/audit/events?schoolId={school}&size=500"},
                new String[] {"reporting", "/api/v1/audit/events?action=incident.read&size=500"},
                new String[] {"reporting", "/api/v1/audit/verification"},
                new String[] {"reporting", "/api/v1/assurance/schools/{school}/filtering-changes"},
                new String[] {"reporting", "/api/v1/assurance/schools/{school}/checks"},
                new String[] {"reporting", "/api/v1/assurance/schools/{school}/annual-reviews"},
                new String[] {"reporting", "/api/v1/assurance/filtering-changes"},
                new String[] {"reporting", "/api/v1/assurance/summary"},
                new String[] {"reporting", "/api/v1/retention/review?schoolId={school}"},
                new String[] {"reporting", "/api/v1/retention/holds?schoolId={school}"});
        SoftAssertions softly = new SoftAssertions();
        for (String user : List.of("south.dsl", "south.head", "south.governor")) {
            for (String[] read : reads) {
                String path = read[1].replace("{school}", Operations.NORTH).replace("{incident}", north)
                        .replace("{period}", period);
                HttpResponse<String> answer = ops.get(read[0], path, user);
                int status = answer.statusCode();
                softly.assertThat(status == 403 || status == 404 || status == 200 && !answer.body().contains(north)
                        && !answer.body().contains(Operations.NORTH))
                        .as("%s reading %s %s: %d %s", user, read[0], path, status, abbreviated(answer.body()))
                        .isTrue();
            }
        }
        softly.assertAll();

        // The right role of the right school.
        assertThat(ops.incident(north, "north.dsl").path("schoolId").asText()).isEqualTo(Operations.NORTH);
        assertThat(ops.ok(ops.get("triage", "/api/v1/incidents/" + north + "/chronology", "north.dsl"))).isNotNull();
        assertThat(ops.incident(north, "north.head").path("id").asText()).isEqualTo(north);
        assertThat(ops.ok(ops.get("reporting", "/api/v1/audit/events?schoolId=" + Operations.NORTH, "north.head")))
                .isNotNull();
        // The trust safeguarding lead reads both schools.
        String lead = "north.trust-safeguarding-lead";
        assertThat(ops.incident(north, lead).path("id").asText()).isEqualTo(north);
        assertThat(ops.incident(south, lead).path("id").asText()).isEqualTo(south);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String register = ops.get("reporting", "/api/v1/register/incidents?size=500", lead).body();
            return register.contains(north) && register.contains(south);
        });
        assertThat(ops.get("reporting", "/api/v1/reports/trust/" + period + "?format=json", lead).statusCode())
                .isEqualTo(200);
        // The governor: their school's aggregates, and nothing that names anyone or any case.
        assertThat(ops.get("triage", "/api/v1/incidents/" + north, "north.governor").statusCode()).isIn(403, 404);
        assertThat(ops.get("reporting", "/api/v1/register/incidents", "north.governor").statusCode()).isEqualTo(403);
        HttpResponse<String> report = ops.get("reporting", "/api/v1/reports/schools/" + Operations.NORTH + "/"
                + period + "?format=json", "north.governor");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).doesNotContain(north).doesNotContain(northUser).doesNotContain("example.test");
        assertThat(ops.get("reporting", "/api/v1/reports/schools/" + Operations.SOUTH + "/" + period + "?format=json",
                "north.governor").statusCode()).isIn(403, 404);
    }

    /**
     * The named governor's report of incidents "including outcomes": the school's report for the year moves
     * by exactly the incidents this test opens (two categories) and the cases it closes, and names nobody:
     * no pupil's user name, no case note, no staff member, no e-mail address, no URL and no incident id, in
     * JSON, CSV, HTML (and the PDF is a PDF).
     */
    @Test
    @Order(3)
    void theGovernorsReportCountsExactlyWhatHappenedAndNamesNobody() {
        String path = "/api/v1/reports/schools/" + Operations.NORTH + "/" + period;
        JsonNode before = governorReport(path);
        List<String> incidents = new ArrayList<>();
        for (String category : List.of("Gambling", "Violence")) {
            for (int i = 0; i < 5; i++) {
                String user = "pupil-rep-" + category.toLowerCase() + i + "-" + RUN;
                assertThat(ops.alert(Fleet.NORTH_KEY, "rep-" + category + i + "-" + RUN, category, user, 2)
                        .statusCode()).isEqualTo(202);
            }
        }
        for (String category : List.of("gambling", "violence")) {
            for (int i = 0; i < 5; i++) {
                JsonNode incident = ops.awaitIncident("pupil-rep-" + category + i + "-" + RUN, "north.dsl");
                assertThat(incident.path("category").asText()).isEqualTo(category);
                incidents.add(incident.path("id").asText());
            }
        }
        String caseNote = "Spoke with Jamie Examplename " + RUN;
        for (String id : List.of(incidents.get(0), incidents.get(1), incidents.get(2), incidents.get(5),
                incidents.get(6))) {
            ops.acknowledgeAndClose(id, "north.dsl", "handled-in-school", caseNote);
        }

        Map<String, Integer> moved = Map.of("summary:Incidents opened", 10, "summary:Closed", 5,
                "summary:Still open", 5, "by-category:gambling", 5, "by-category:violence", 5);
        JsonNode after = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
                .until(() -> governorReport(path), report -> moved.entrySet().stream()
                        .allMatch(e -> movedBy(before, report, e.getKey(), e.getValue())));
        moved.forEach((figure, by) -> assertThat(movedBy(before, after, figure, by))
                .as("%s moved by %d: %s then %s", figure, by, cell(before, figure), cell(after, figure)).isTrue());
        // Ten or more are never a small count: the total is written exactly (before, it may not have been).
        assertThat(Count.of(cell(after, "summary:Incidents opened")).exact()).as("incidents opened shown exactly")
                .isTrue();

        List<String> never = new ArrayList<>(List.of(RUN, "pupil-rep", "Jamie", "Examplename", "example.test",
                "@demo.vigil.test", "north.dsl", "casino-"));
        never.addAll(incidents);
        for (String format : List.of("json", "csv", "html")) {
            HttpResponse<String> answer = ops.get("reporting", path + "?format=" + format, "north.governor");
            assertThat(answer.statusCode()).isEqualTo(200);
            for (String word : never) {
                assertThat(answer.body()).as("%s report", format).doesNotContain(word);
            }
        }
        HttpResponse<byte[]> pdf = ops.getBytes("reporting", path + "?format=pdf", "north.governor");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(new String(pdf.body(), StandardCharsets.ISO_8859_1)).doesNotContain(RUN);
    }

    /**
     * A concern identified via monitoring is handled once: the same Smoothwall report uploaded twice, and
     * the same syslog line sent twice over TCP, are one alert in one incident and one message to the DSL.
     */
    @Test
    @Order(4)
    void aRedeliveredReportUploadOrSyslogLineCreatesNothingNew() throws Exception {
        Operations.Appliance smoothwall = ops.registerAppliance(Operations.NORTH, "smoothwall", "filtering",
                "Report exports " + RUN, 1440);
        String csvUser = "pupil-csv-" + RUN;
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(Instant.now().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.of("Europe/London")));
        String csv = "Time,Username,Source IP,Group,HTTP Code,URL,Categories\n"
                + time + "," + csvUser + ",10.0.0.5,Year 9,403,https://casino-" + RUN + ".example.test/play?x=1,Gambling\n";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> upload = ops.uploadCsv(smoothwall, csv);
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            assertThat(Operations.json(upload.body()).path("alertsAccepted").asInt()).isEqualTo(1);
        }
        String csvMarker = "pupil-csv-after-" + RUN;
        assertThat(ops.uploadCsv(smoothwall, csv.replace(csvUser, csvMarker)).statusCode()).isEqualTo(202);

        Operations.Appliance fortigate = ops.registerAppliance(Operations.NORTH, "fortigate", "filtering",
                "Syslog firewall " + RUN, 1440);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(2, 255);
        ops.syslogFrom(fortigate, address);
        String syslogUser = "pupil-syslog-" + RUN;
        String line = fortigateBlock(syslogUser);
        Operations.syslogTcp(address, line);
        Operations.syslogTcp(address, line);
        String syslogMarker = "pupil-syslog-after-" + RUN;
        Operations.syslogTcp(address, fortigateBlock(syslogMarker));

        // Each marker is consumed after its duplicates (same school, same partition).
        ops.awaitIncident(csvMarker, "north.dsl");
        ops.awaitIncident(syslogMarker, "north.dsl");
        for (String user : List.of(csvUser, syslogUser)) {
            JsonNode incident = ops.awaitIncident(user, "north.dsl");
            String id = incident.path("id").asText();
            assertThat(ops.incident(id, "north.dsl").path("alertCount").asInt()).as(user).isEqualTo(1);
            services.assertNotSilenced(id, ops.token("north.dsl"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> mailsWith(NORTH_DSL_MAIL, id) >= 1);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> mailsWith(NORTH_DSL_MAIL, id) == 1);
            long inbox = ops.ok(ops.get("triage", "/api/v1/incidents?size=500&order=newest", "north.dsl")).findValues(
                    "subjectRef").stream().filter(s -> s.asText().equals(user)).count();
            assertThat(inbox).as("incidents about %s", user).isEqualTo(1);
        }
    }

    /**
     * Quiet hours defer, never drop (continued): once the school day starts, the held message goes out,
     * exactly once.
     */
    @Test
    @Order(5)
    void theDeferredMessageGoesOutOnceWhenTheSchoolDayStarts() {
        assumeTrue(deferredIncident != null, "no message was held in quiet hours");
        Instant startsAt = schoolDay.orElseThrow().startsAt();
        String id = deferredIncident;
        await().atMost(fromNowTo(startsAt).plusSeconds(120)).pollInterval(Duration.ofSeconds(3))
                .until(() -> mailsWith(SOUTH_DSL_MAIL, id) >= 1);
        assertThat(Instant.now()).isAfterOrEqualTo(startsAt);
        List<ConsumerRecord<String, String>> settled = settledNotificationsOf(id);
        assertThat(settled).isNotEmpty().allMatch(r -> r.value().contains("notification-delivered"));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(3))
                .until(() -> mailsWith(SOUTH_DSL_MAIL, id) == 1);
    }

    /**
     * Regular checks that filtering and monitoring work: an appliance that stops reporting in school hours
     * is a {@code monitoring-failure} incident and a message to the DSL in the silent-source wording; when
     * it is heard from again the incident records that it resumed.
     */
    @Test
    @Order(6)
    void anApplianceThatFallsSilentIsAnIncidentAndItsReturnIsRecorded() {
        assumeTrue(schoolDay.isPresent(), "no UTC offset puts the next minutes on a weekday");
        Instant startsAt = schoolDay.get().startsAt();
        await().atMost(fromNowTo(startsAt).plusSeconds(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> !Instant.now().isBefore(startsAt));
        String name = "Monitoring " + RUN;
        Operations.Appliance appliance = ops.registerAppliance(Operations.NORTH, "other", "monitoring", name, 1);
        assertThat(ops.heartbeat(appliance).statusCode()).isEqualTo(204);

        JsonNode incident = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(5))
                .until(() -> ops.incidentAbout(name, "north.dsl"), Optional::isPresent).orElseThrow();
        String id = incident.path("id").asText();
        assertThat(incident.path("category").asText()).isEqualTo("monitoring-failure");
        assertThat(incident.path("status").asText()).isEqualTo("open");
        Mailbox.ReceivedMail mail = awaitMail(NORTH_DSL_MAIL, id);
        assertThat(mail.subject()).contains("nothing heard from " + name).contains("North Primary");
        assertThat(mail.body()).contains("Vigil has heard nothing from " + name);
        String silentSince = incident.path("lastSeenAt").asText();

        assertThat(ops.heartbeat(appliance).statusCode()).isEqualTo(204);
        TopicProbe.await(INCIDENTS, r -> r.value().contains(id) && r.value().contains("source-resumed"),
                Duration.ofSeconds(60));
        JsonNode resumed = ops.incident(id, "north.dsl");
        assertThat(Instant.parse(resumed.path("lastSeenAt").asText())).isAfter(Instant.parse(silentSince));
        assertThat(resumed.path("status").asText()).as("the DSL closes it, once checked").isEqualTo("open");
    }

    /**
     * Auditing online safety practice: after everything above the trust's audit chain verifies, and the
     * reads made are in it, by whom: North's DSL reading North's incident, South's DSL refused it, the
     * governor's report downloads.
     */
    @Test
    @Order(7)
    void theAuditChainVerifiesAndShowsWhoReadWhat() {
        assumeTrue(northIncident != null, "the isolation scenario did not run");
        String lead = "north.trust-safeguarding-lead";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            JsonNode reads = ops.ok(ops.get("reporting", "/api/v1/audit/events?schoolId=" + Operations.NORTH
                    + "&action=incident.read&actor=north.dsl&size=500", lead));
            return contains(reads, northIncident, "success");
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            JsonNode reads = ops.ok(ops.get("reporting", "/api/v1/audit/events?action=incident.read&actor=south.dsl"
                    + "&size=500", lead));
            return contains(reads, northIncident, null);
        });
        JsonNode downloads = ops.ok(ops.get("reporting", "/api/v1/audit/events?schoolId=" + Operations.NORTH
                + "&action=report.downloaded&actor=north.governor&size=500", lead));
        assertThat(downloads.findValues("resourceId")).extracting(JsonNode::asText)
                .contains("school:" + Operations.NORTH + ":" + period);

        JsonNode chain = ops.ok(ops.get("reporting", "/api/v1/audit/verification", Operations.TRUST_ADMIN));
        assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.path("links").asLong()).isPositive();
        assertThat(chain.path("firstBreak").isNull() || chain.path("firstBreak").isMissingNode()).isTrue();
        JsonNode again = ops.ok(ops.get("reporting", "/api/v1/audit/verification", lead));
        assertThat(again.path("intact").asBoolean()).as(again.toString()).isTrue();
        assertThat(again.path("links").asLong()).isGreaterThanOrEqualTo(chain.path("links").asLong());
        assertThat(ops.get("reporting", "/api/v1/audit/verification", "south.dsl").statusCode()).isEqualTo(403);
    }

    /** Whether an audit record of {@code resource} is among {@code records}: a success, or (null) a refusal. */
    private static boolean contains(JsonNode records, String resource, String outcome) {
        for (JsonNode record : records) {
            if (resource.equals(record.path("resourceId").asText()) && (outcome == null
                    ? !"success".equals(record.path("outcome").asText())
                    : outcome.equals(record.path("outcome").asText()))) {
                return true;
            }
        }
        return false;
    }

    /** How long until {@code instant}, none if it has passed. */
    private static Duration fromNowTo(Instant instant) {
        Duration left = Duration.between(Instant.now(), instant);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String quietHours(String from, String until) {
        return "{\"quietHours\": {\"from\": \"" + from + "\", \"until\": \"" + until + "\"}}";
    }

    private static String fortigateBlock(String user) {
        String now = DateTimeFormatter.ofPattern("'date='yyyy-MM-dd 'time='HH:mm:ss")
                .format(Instant.now().atZone(ZoneId.of("Europe/London")));
        return "<189>" + now + " devname=\"FG100E-School\" devid=\"FG100ETK18000001\" logid=\"0316013056\" "
                + "type=\"utm\" subtype=\"webfilter\" eventtype=\"ftgd_blk\" level=\"warning\" srcip=10.0.0.5 "
                + "hostname=\"casino-" + RUN + ".example.test\" action=\"blocked\" url=\"/p?q=x\" catdesc=\"Gambling\" "
                + "user=\"" + user + "\"";
    }

    /** The first message to {@code address} about the incident; the build's shared mailbox is polled slowly. */
    private static Mailbox.ReceivedMail awaitMail(String address, String incidentId) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
                .until(() -> Mailbox.messagesFor(address, incidentId).stream().findFirst(), Optional::isPresent).orElseThrow();
    }

    private static long mailsWith(String address, String incidentId) {
        return Mailbox.messagesFor(address, incidentId).size();
    }

    /** The delivered or failed events of the incident's notifications, as an outside reader of the topic sees them. */
    private static List<ConsumerRecord<String, String>> settledNotificationsOf(String incidentId) {
        return TopicProbe.readAll(NOTIFICATIONS, Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains(incidentId))
                .filter(r -> r.value().contains("notification-delivered") || r.value().contains("notification-failed"))
                .toList();
    }

    private JsonNode governorReport(String path) {
        return ops.ok(ops.get("reporting", path + "?format=json", "north.governor"));
    }

    /** A figure of the report, {@code table:row}, as written. */
    private static String cell(JsonNode report, String figure) {
        String[] at = figure.split(":", 2);
        for (JsonNode table : report.path("tables")) {
            if (table.path("key").asText().equals(at[0])) {
                for (JsonNode row : table.path("rows")) {
                    if (row.path(0).asText().equals(at[1])) {
                        return row.path(1).asText();
                    }
                }
            }
        }
        throw new AssertionError("No " + figure + " in " + report);
    }

    /** Whether a figure can have moved by exactly {@code by}, given what each report shows of it. */
    private static boolean movedBy(JsonNode before, JsonNode after, String figure, int by) {
        Count was = Count.of(cell(before, figure));
        Count is = Count.of(cell(after, figure));
        return is.low() <= was.high() + by && is.high() >= was.low() + by;
    }

    /** A count as a report writes it: exact, "fewer than 5" (1 to 4), or withheld to protect a small one (5 or more). */
    private record Count(long low, long high) {

        static Count of(String text) {
            if (text.matches("[0-9]+")) {
                return new Count(Long.parseLong(text), Long.parseLong(text));
            }
            if (text.equals("fewer than 5")) {
                return new Count(1, 4);
            }
            if (text.startsWith("not shown")) {
                return new Count(5, Integer.MAX_VALUE);
            }
            throw new AssertionError("Not a count: " + text);
        }

        boolean exact() {
            return low == high;
        }
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
