package io.vigil.load.abuse;

import io.vigil.load.abuse.HttpTarget.ApiKey;
import io.vigil.load.abuse.HttpTarget.Credential;
import io.vigil.load.abuse.HttpTarget.Secret;
import io.vigil.load.abuse.HttpTarget.User;
import io.vigil.stack.DemoRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint under {@code /api/v1} of the four services, with a well-behaved request for each. The
 * bodies are chosen so that no spoilt variant that happens to be accepted can disturb a real school's
 * alerting: silences and category overrides name no real appliance or category, settings and webhooks go
 * to a school that does not exist, and endpoints that would revoke, rotate or dispose of something only
 * ever see ids that do not exist.
 */
public final class HttpTargets {

    public static final String NORTH = "north-primary";
    public static final String SOUTH = "south-academy";
    /** The demo appliances' local-development keys (see {@code DemoTrust}). */
    public static final String NORTH_KEY = DemoRealm.NORTH_APPLIANCE_KEY;
    public static final String SOUTH_KEY = DemoRealm.SOUTH_APPLIANCE_KEY;
    public static final String NORTH_SMOOTHWALL = DemoRealm.NORTH_APPLIANCE_ID;
    /** A school that does not exist, for endpoints whose success would change a real school's settings. */
    static final String NO_SCHOOL = "abuse-no-such-school";
    static final String NO_ID = "00000000-0000-4000-8000-00000000abcd";
    /** The Notify callback token the abuse run configures notification with. */
    public static final String NOTIFY_CALLBACK_TOKEN = "abuse-run-notify-callback-token";

    private static final Credential SOUTH_APPLIANCE = new ApiKey(SOUTH_KEY);
    private static final Credential ADMIN = new User("north.trust-admin");
    private static final Credential HEAD = new User("north.head");
    private static final Credential DSL = new User("north.dsl");
    private static final Credential STAFF = new User("north.staff");
    private static final Credential LEAD = new User("north.trust-safeguarding-lead");
    private static final Credential GOVERNOR = new User("south.governor");
    private static final String JSON = "application/json";

    private static final String ALERT = """
            {"eventId": "abuse-1", "occurredAt": "2026-11-20T10:12:01Z", "category": "Gambling", "action": "blocked",
             "user": "abuse-pupil", "device": "10.0.0.5", "url": "https://casino.example.test/play?q=x",
             "vendorSeverity": 3, "vendorRuleId": "rule-7", "extra": {"policy": "pupils"}}""";

    private HttpTargets() {
    }

    /** The endpoints, service by service. */
    public static List<HttpTarget> all() {
        List<HttpTarget> t = new ArrayList<>();
        // intake
        t.add(post("intake", "/api/v1/alerts", SOUTH_APPLIANCE, ALERT));
        t.add(post("intake", "/api/v1/alerts/batch", SOUTH_APPLIANCE, "{\"alerts\": [" + ALERT + ", "
                + ALERT.replace("abuse-1", "abuse-2") + "]}"));
        t.add(post("intake", "/api/v1/heartbeat", SOUTH_APPLIANCE, "{}"));
        t.add(post("intake", "/api/v1/concerns", STAFF, """
                {"schoolId": "north-primary", "learnerId": "lrn-abuse-0001", "category": "bullying",
                 "account": "Seen in the corridor", "location": "Library", "occurredAt": "2026-11-20T09:00:00Z"}"""));
        t.add(get("intake", "/api/v1/concerns", STAFF));
        t.add(get("intake", "/api/v1/concerns/{id}", Map.of("id", NO_ID), STAFF));
        t.add(post("intake", "/api/v1/appliances", ADMIN, """
                {"schoolId": "north-primary", "vendor": "fortigate", "kind": "filtering", "name": "Abuse filter",
                 "expectedHeartbeatMinutes": 60}"""));
        t.add(get("intake", "/api/v1/appliances", ADMIN));
        t.add(get("intake", "/api/v1/appliances/{id}", Map.of("id", NORTH_SMOOTHWALL), ADMIN));
        t.add(new HttpTarget("intake", "POST", "/api/v1/appliances/{id}/key", Map.of("id", NO_ID), null, ADMIN, null));
        t.add(new HttpTarget("intake", "POST", "/api/v1/appliances/{id}/signing-secret", Map.of("id", NO_ID), null,
                ADMIN, null));
        t.add(new HttpTarget("intake", "DELETE", "/api/v1/appliances/{id}/signing-secret", Map.of("id", NO_ID), null,
                ADMIN, null));
        t.add(new HttpTarget("intake", "PUT", "/api/v1/appliances/{id}/syslog-sources", Map.of("id", NO_ID), JSON,
                ADMIN, "{\"sources\": [\"10.20.0.1\", \"10.20.0.0/24\"], \"tlsSubject\": null}"));
        t.add(get("intake", "/api/v1/appliances/{id}/syslog-sources", Map.of("id", NORTH_SMOOTHWALL), ADMIN));
        t.add(new HttpTarget("intake", "POST", "/api/v1/appliances/{id}/revoke", Map.of("id", NO_ID), null, ADMIN,
                null));
        t.add(new HttpTarget("intake", "POST", "/api/v1/appliances/{id}/report-uploads",
                Map.of("id", NORTH_SMOOTHWALL), "text/csv", ADMIN, SmoothwallCsv.HEADER + "\n"
                        + "2026-11-20 10:12:01,abuse-pupil,10.0.0.5,Year 9,403,https://casino.example.test/,Gambling\n"));
        t.add(get("intake", "/api/v1/quarantine", ADMIN));
        t.add(new HttpTarget("intake", "POST", "/api/v1/directory/{kind}", Map.of("kind", "learners"), JSON, ADMIN, """
                {"personId": "abuse-lrn-1", "schoolId": "north-primary", "yearGroup": "Year 9",
                 "dateOfBirth": "2013-09-14", "send": false, "lookedAfter": false, "childProtectionPlan": false,
                 "eal": false, "guardianIds": ["abuse-grd-1"], "firstName": "Ada", "accounts": ["abuse-ada"]}"""));
        t.add(new HttpTarget("intake", "POST", "/api/v1/directory/{kind}", Map.of("kind", "staff"), "text/csv", ADMIN,
                "personId,schoolId,displayName,email,mobile,safeguardingRole,accounts\n"
                        + "abuse-stf-1,north-primary,Mr Smith,abuse.smith@north.example,+44 7700 900123,dsl,|abuse|\n"));
        t.add(new HttpTarget("intake", "DELETE", "/api/v1/directory/{kind}/{id}", Map.of("kind", "guardians", "id",
                "abuse-no-such-person"), null, ADMIN, null));
        t.add(get("intake", "/api/v1/directory/{kind}/{id}", Map.of("kind", "learners", "id", "abuse-lrn-1"), ADMIN));
        // triage
        t.add(get("triage", "/api/v1/incidents", DSL));
        t.add(get("triage", "/api/v1/incidents/{id}", Map.of("id", NO_ID), DSL));
        t.add(new HttpTarget("triage", "POST", "/api/v1/incidents/{id}/acknowledge", Map.of("id", NO_ID), null, DSL,
                null));
        t.add(incident("assign", "{\"assignee\": \"north.dsl\"}"));
        t.add(incident("notes", "{\"action\": \"Spoke to the pupil\"}"));
        t.add(incident("referrals", "{\"agency\": \"police\", \"reference\": \"REF-1\"}"));
        t.add(incident("parent-contact", "{\"decision\": \"withhold\", \"guardianIds\": [\"abuse-grd-1\"]}"));
        t.add(incident("close", "{\"outcome\": \"no-further-action\", \"summary\": \"Handled\"}"));
        t.add(incident("false-positive", "{\"reason\": \"Education site\"}"));
        t.add(incident("reopen", "{\"reason\": \"New information\"}"));
        t.add(get("triage", "/api/v1/incidents/{id}/chronology", Map.of("id", NO_ID), DSL));
        t.add(get("triage", "/api/v1/rota", HEAD));
        t.add(post("triage", "/api/v1/rota", HEAD, """
                {"schoolId": "north-primary", "staffId": "abuse-staff", "startsAt": "2999-01-01T08:00:00Z",
                 "endsAt": "2999-01-01T17:00:00Z"}"""));
        t.add(new HttpTarget("triage", "DELETE", "/api/v1/rota/{id}", Map.of("id", NO_ID), null, HEAD, null));
        t.add(get("triage", "/api/v1/silences", HEAD));
        // Every matcher names nothing real: one spoilt field cannot widen it to a real alert.
        t.add(post("triage", "/api/v1/silences", HEAD, """
                {"schoolId": "abuse-no-such-school", "applianceId": "abuse-no-such-appliance",
                 "category": "abuse-none", "subject": "abuse-nobody", "reason": "Abuse test",
                 "startsAt": "2999-01-01T00:00:00Z", "endsAt": "2999-01-02T00:00:00Z"}"""));
        t.add(new HttpTarget("triage", "DELETE", "/api/v1/silences/{id}", Map.of("id", NO_ID), null, HEAD, null));
        t.add(get("triage", "/api/v1/taxonomy/unmapped", ADMIN));
        t.add(get("triage", "/api/v1/taxonomy/overrides", ADMIN));
        t.add(post("triage", "/api/v1/taxonomy/overrides", ADMIN, """
                {"schoolId": "abuse-no-such-school", "vendor": "abuse-vendor", "vendorCategory": "abuse-category",
                 "policyCategory": "gambling", "reason": "Abuse test"}"""));
        // notification
        t.add(get("notification", "/api/v1/schools/{schoolId}/webhooks", Map.of("schoolId", NORTH), HEAD));
        t.add(new HttpTarget("notification", "POST", "/api/v1/schools/{schoolId}/webhooks",
                Map.of("schoolId", NO_SCHOOL), JSON, ADMIN, """
                {"name": "Abuse", "format": "generic", "url": "https://hooks.example.invalid/a",
                 "minimumSeverity": "high"}"""));
        t.add(new HttpTarget("notification", "POST", "/api/v1/schools/{schoolId}/webhooks/{id}/disable",
                Map.of("schoolId", NORTH, "id", NO_ID), null, HEAD, null));
        t.add(new HttpTarget("notification", "POST", "/api/v1/schools/{schoolId}/webhooks/{id}/rotate-secret",
                Map.of("schoolId", NORTH, "id", NO_ID), null, HEAD, null));
        t.add(new HttpTarget("notification", "POST", "/api/v1/notify/delivery-receipts", Map.of(), JSON,
                new Secret(NOTIFY_CALLBACK_TOKEN), """
                {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": "00000000-0000-4000-8000-00000000abcd",
                 "status": "delivered", "notification_type": "email"}"""));
        t.add(get("notification", "/api/v1/schools/{schoolId}/notification-settings", Map.of("schoolId", NORTH), HEAD));
        t.add(new HttpTarget("notification", "PUT", "/api/v1/schools/{schoolId}/notification-settings",
                Map.of("schoolId", NO_SCHOOL), JSON, ADMIN, """
                {"channels": {"high": ["email"], "critical": ["email", "sms"]},
                 "quietHours": {"from": "20:00", "until": "07:00"}, "digest": "daily",
                 "phone": "+44 7700 900123", "email": "dsl@north.example"}"""));
        t.add(get("notification", "/api/v1/preferences/me", GOVERNOR));
        t.add(new HttpTarget("notification", "PUT", "/api/v1/preferences/me", Map.of(), JSON, GOVERNOR, """
                {"channels": {"high": ["email"]}, "quietHours": {"from": "21:00", "until": "07:00"},
                 "language": "en"}"""));
        t.add(get("notification", "/api/v1/templates", ADMIN));
        t.add(get("notification", "/api/v1/templates/{key}/{language}/versions",
                Map.of("key", "incident-alert", "language", "en"), ADMIN));
        t.add(new HttpTarget("notification", "POST", "/api/v1/templates/{key}/{language}/versions",
                Map.of("key", "abuse-no-such-template", "language", "en"), JSON, ADMIN, """
                {"subject": "Subject {{school}}", "body": "Body {{caseUrl}}", "sms": "Sms", "reason": "Abuse"}"""));
        t.add(post("notification", "/api/v1/templates/preview", ADMIN, """
                {"key": "incident-alert", "language": "en", "subject": "S {{school}}", "body": "B",
                 "sms": "S", "data": {"school": "North", "count": 3}}"""));
        // reporting
        t.add(get("reporting", "/api/v1/subject-access/{personId}", Map.of("personId", "abuse-lrn-1"), HEAD));
        t.add(get("reporting", "/api/v1/assurance/schools/{schoolId}/filtering-changes", Map.of("schoolId", NORTH),
                HEAD));
        t.add(get("reporting", "/api/v1/assurance/schools/{schoolId}/filtering-changes/{id}",
                Map.of("schoolId", NORTH, "id", NO_ID), HEAD));
        t.add(new HttpTarget("reporting", "POST", "/api/v1/assurance/schools/{schoolId}/filtering-changes",
                Map.of("schoolId", NORTH), JSON, HEAD, """
                {"action": "block", "targetKind": "site", "target": "abuse.example.test", "appliesTo": "Pupils",
                 "reason": "Abuse test"}"""));
        for (String step : List.of("approval", "rejection", "application")) {
            t.add(new HttpTarget("reporting", "POST", "/api/v1/assurance/schools/{schoolId}/filtering-changes/{id}/"
                    + step, Map.of("schoolId", NORTH, "id", NO_ID), JSON, HEAD, step.equals("application")
                            ? "{\"appliedAt\": \"2026-11-20T10:00:00Z\"}" : "{\"note\": \"Abuse\"}"));
        }
        t.add(get("reporting", "/api/v1/assurance/schools/{schoolId}/annual-reviews", Map.of("schoolId", NORTH), HEAD));
        t.add(new HttpTarget("reporting", "POST", "/api/v1/assurance/schools/{schoolId}/annual-reviews",
                Map.of("schoolId", NORTH), JSON, HEAD, """
                {"reviewedOn": "2026-09-30", "signedBy": "A Head", "signerRole": "head", "summary": "Reviewed"}"""));
        t.add(get("reporting", "/api/v1/assurance/filtering-changes", ADMIN));
        t.add(get("reporting", "/api/v1/assurance/summary", ADMIN));
        t.add(get("reporting", "/api/v1/assurance/schools/{schoolId}/checks", Map.of("schoolId", NORTH), HEAD));
        t.add(new HttpTarget("reporting", "POST", "/api/v1/assurance/schools/{schoolId}/checks",
                Map.of("schoolId", NORTH), JSON, HEAD, """
                {"checkedOn": "2026-11-01", "method": "swgfl-test-filtering", "scope": "Pupils",
                 "performedBy": "IT lead", "result": "pass", "actionTaken": "None"}"""));
        t.add(get("reporting", "/api/v1/retention/review", HEAD));
        t.add(get("reporting", "/api/v1/retention/holds", HEAD));
        t.add(post("reporting", "/api/v1/retention/holds", HEAD,
                "{\"incidentId\": \"" + NO_ID + "\", \"personId\": null, \"reason\": \"Abuse test\"}"));
        t.add(new HttpTarget("reporting", "DELETE", "/api/v1/retention/holds/{id}", Map.of("id", NO_ID), JSON, HEAD,
                "{\"reason\": \"Abuse test\"}"));
        t.add(post("reporting", "/api/v1/retention/disposals", HEAD,
                "{\"incidentId\": \"" + NO_ID + "\", \"reason\": \"Abuse test\"}"));
        t.add(get("reporting", "/api/v1/reports/schools/{schoolId}/{period}",
                Map.of("schoolId", NORTH, "period", "2025-26-autumn"), HEAD));
        t.add(get("reporting", "/api/v1/reports/trust/{period}", Map.of("period", "2025-26"), LEAD));
        t.add(get("reporting", "/api/v1/audit/events", HEAD));
        t.add(get("reporting", "/api/v1/audit/verification", LEAD));
        t.add(get("reporting", "/api/v1/register/incidents", HEAD));
        t.add(get("reporting", "/api/v1/kpis", HEAD));
        return List.copyOf(t);
    }

    private static HttpTarget incident(String action, String body) {
        return new HttpTarget("triage", "POST", "/api/v1/incidents/{id}/" + action, Map.of("id", NO_ID), JSON, DSL, body);
    }

    private static HttpTarget post(String service, String path, Credential credential, String body) {
        return new HttpTarget(service, "POST", path, Map.of(), JSON, credential, body);
    }

    private static HttpTarget get(String service, String path, Credential credential) {
        return get(service, path, Map.of(), credential);
    }

    private static HttpTarget get(String service, String path, Map<String, String> values, Credential credential) {
        return new HttpTarget(service, "GET", path, values, null, credential, null);
    }
}
