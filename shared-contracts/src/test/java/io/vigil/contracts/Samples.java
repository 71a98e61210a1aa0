package io.vigil.contracts;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.directory.DirectoryAccount;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonKind;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.SafeguardingRole;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.notification.NotificationRequested;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.taxonomy.PolicyCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One realistic payload per situation each event type is published in, shared by the schema and
 * codec tests so both check the same events. The identifiers are made up; none is a real person,
 * school or appliance.
 */
final class Samples {

    static final String TRUST = "trust-riverside-learning";
    static final String SCHOOL = "school-142857";
    static final String OTHER_SCHOOL = "school-142901";
    static final String CORRELATION = "corr-7c1e5a90-0d4b-4f7e-9a51-3b2f0e6d8c41";

    /**
     * A payload with the envelope attributes its producer would give it.
     *
     * @param name a short label, unique across samples, shown in test reports
     */
    record Sample(String name, Record payload, String source, String subject, String schoolId, Instant time) {

        EventType type() {
            return EventType.ofPayload(payload.getClass());
        }

        /** The envelope, with an id derived from the name so a failing sample is easy to find. */
        CloudEvent envelope() {
            return EventCodec.envelope("evt-" + name, source, payload, subject, TRUST, schoolId, CORRELATION, time);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Samples() {
    }

    static List<Sample> all() {
        return List.of(
                new Sample("fortigate-blocked-extremism", new AlertReceived(
                        "alr-fgt-0b9c2e", TRUST, SCHOOL, "appl-fgt-main-office", "0000412789",
                        SourceKind.FILTERING, "fortigate", "Extremist Groups", "blocked",
                        "y10.pupil0147", "LAPTOP-Y10-23", "forum.example.net", 4,
                        at("2025-03-12T10:41:07Z"), at("2025-03-12T10:41:08.314Z")),
                        "/vigil/intake", "alr-fgt-0b9c2e", SCHOOL, at("2025-03-12T10:41:08.314Z")),
                new Sample("smoothwall-blocked-minimal", new AlertReceived(
                        "alr-sw-7d01aa", TRUST, SCHOOL, "appl-sw-cloud", "sw-5f2d9e61",
                        SourceKind.FILTERING, "smoothwall", "Self Harm", "blocked",
                        null, null, null, null,
                        at("2025-03-12T13:02:55Z"), at("2025-03-12T13:02:56.002Z")),
                        "/vigil/intake", "alr-sw-7d01aa", SCHOOL, at("2025-03-12T13:02:56.002Z")),
                new Sample("monitoring-flagged-typed-phrase", new AlertReceived(
                        "alr-mon-41c7f3", TRUST, OTHER_SCHOOL, "appl-mon-suite-b", "evt-88213",
                        SourceKind.MONITORING, "senso", "Bullying", "flagged",
                        "y8.pupil0912", "DESKTOP-ICT2-14", null, 3,
                        at("2025-03-13T09:15:30Z"), at("2025-03-13T09:15:31.870Z"), true, "senso:capture/88213", null, null),
                        "/vigil/intake", "alr-mon-41c7f3", OTHER_SCHOOL, at("2025-03-13T09:15:31.870Z")),
                new Sample("concern-about-known-learner", new ConcernReported(
                        "con-5b7e21", TRUST, SCHOOL, "north.staff", null, "lrn-00412", false, false, null,
                        PolicyCategory.BULLYING, "Overheard two pupils sharing a mocking group chat about a classmate.",
                        "Year 6 classroom", at("2025-03-12T12:30:00Z"), at("2025-03-12T15:02:11.120Z")),
                        "/vigil/intake", "con-5b7e21", SCHOOL, at("2025-03-12T15:02:11.120Z")),
                new Sample("concern-about-staff-via-app", new ConcernReported(
                        "con-9c0d44", TRUST, SCHOOL, "north.staff", "vigil-app", null, true, true, "stf-0042",
                        PolicyCategory.OTHER, "A colleague messaged a pupil from a personal account.", null,
                        at("2025-03-13T08:10:00Z"), at("2025-03-13T08:40:51.004Z")),
                        "/vigil/intake", "con-9c0d44", SCHOOL, at("2025-03-13T08:40:51.004Z")),
                new Sample("source-silent-filter", new SourceSilent(
                        "appl-fgt-main-office", TRUST, SCHOOL, "fortigate", SourceKind.FILTERING, "Main office filter",
                        at("2025-03-12T09:01:00Z"), 900, at("2025-03-12T09:16:30Z")),
                        "/vigil/intake", "appl-fgt-main-office", SCHOOL, at("2025-03-12T09:16:30Z")),
                new Sample("source-silent-never-seen", new SourceSilent(
                        "appl-sw-cloud", TRUST, SCHOOL, "smoothwall", SourceKind.FILTERING, "Cloud filter",
                        null, 3600, at("2025-03-12T09:00:00Z")),
                        "/vigil/intake", "appl-sw-cloud", SCHOOL, at("2025-03-12T09:00:00Z")),
                new Sample("source-resumed", new SourceResumed(
                        "appl-fgt-main-office", TRUST, SCHOOL, at("2025-03-12T09:16:30Z"), at("2025-03-12T10:02:00Z")),
                        "/vigil/intake", "appl-fgt-main-office", SCHOOL, at("2025-03-12T10:02:00Z")),
                new Sample("fortigate-blocked-resolved-to-learner", new AlertReceived(
                        "alr-fgt-0b9d11", TRUST, SCHOOL, "appl-fgt-main-office", "0000412790",
                        SourceKind.FILTERING, "fortigate", "Extremist Groups", "blocked",
                        "y10.pupil0147", "LAPTOP-Y10-23", "forum.example.net", 4,
                        at("2025-03-12T10:48:11Z"), at("2025-03-12T10:48:12.020Z"), null, null, "lrn-0147", "learner"),
                        "/vigil/intake", "alr-fgt-0b9d11", SCHOOL, at("2025-03-12T10:48:12.020Z")),
                new Sample("incident-opened-high", new IncidentOpened(
                        "inc-2025-000318", TRUST, SCHOOL, "radicalisation", Severity.HIGH,
                        List.of("Prevent category", "two blocked attempts within 10 minutes"),
                        "dsl", List.of("alr-fgt-0b9c2e", "alr-fgt-0b9d11"), "y10.pupil0147",
                        at("2025-03-12T10:41:07Z"), at("2025-03-12T10:41:09.120Z")),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T10:41:09.120Z")),
                new Sample("incident-opened-unknown-subject", new IncidentOpened(
                        "inc-2025-000319", TRUST, SCHOOL, "self-harm", Severity.CRITICAL,
                        List.of("self-harm category is always critical"),
                        "dsl", List.of("alr-sw-7d01aa"), null,
                        at("2025-03-12T13:02:55Z"), at("2025-03-12T13:02:56.640Z")),
                        "/vigil/triage", "inc-2025-000319", SCHOOL, at("2025-03-12T13:02:56.640Z")),
                new Sample("incident-opened-illegal-content", new IncidentOpened(
                        "inc-2025-000320", TRUST, SCHOOL, "child-sexual-abuse-material", Severity.CRITICAL,
                        List.of("Illegal content: always critical"),
                        "dsl", List.of("alr-sw-7d02bb"), null,
                        at("2025-03-12T14:02:55Z"), at("2025-03-12T14:02:56.100Z"), List.of("head"), false,
                        List.of("Do not view, copy or forward the material", "Report to the police and the IWF"),
                        "lrn-0147"),
                        "/vigil/triage", "inc-2025-000320", SCHOOL, at("2025-03-12T14:02:56.100Z")),
                new Sample("incident-opened-staff-allegation", new IncidentOpened(
                        "inc-2025-000321", TRUST, SCHOOL, "other", Severity.HIGH,
                        List.of("Concern about a member of staff: the head's path"),
                        "head", List.of("con-9c0d44"), null,
                        at("2025-03-13T08:10:00Z"), at("2025-03-13T08:40:52.000Z"), null, true, null, "stf-0042"),
                        "/vigil/triage", "inc-2025-000321", SCHOOL, at("2025-03-13T08:40:52.000Z")),
                new Sample("incident-opened-out-of-hours", new IncidentOpened(
                        "inc-2025-000322", TRUST, SCHOOL, "self-harm", Severity.CRITICAL,
                        List.of("Self-harm: at least high", "Outside school hours"),
                        "dsl", List.of("alr-sw-7d03cc"), null,
                        at("2025-03-15T21:12:40Z"), at("2025-03-15T21:12:41.300Z"), null, false, null, "lrn-0147",
                        List.of("stf-0042"), null, "riverside-smoothwall"),
                        "/vigil/triage", "inc-2025-000322", SCHOOL, at("2025-03-15T21:12:41.300Z")),
                new Sample("incident-opened-silenced", new IncidentOpened(
                        "inc-2025-000323", TRUST, SCHOOL, "gambling", Severity.LOW,
                        List.of("Gambling: low"),
                        "dsl", List.of("alr-fgt-0b9e70"), "library-kiosk-2",
                        at("2025-03-17T09:05:00Z"), at("2025-03-17T09:05:00.800Z"), null, false, null, null,
                        null, "sil-5d1c2f"),
                        "/vigil/triage", "inc-2025-000323", SCHOOL, at("2025-03-17T09:05:00.800Z")),
                new Sample("incident-escalated-out-of-hours", new IncidentEscalated(
                        "inc-2025-000322", TRUST, SCHOOL, Severity.CRITICAL, 1, List.of("deputy-dsl"),
                        "Not acknowledged within 15 minutes", at("2025-03-15T21:42:41Z"), at("2025-03-15T21:27:41Z"),
                        List.of("stf-0042", "stf-0057"), "self-harm", EscalationCause.ACKNOWLEDGEMENT_OVERDUE),
                        "/vigil/triage", "inc-2025-000322", SCHOOL, at("2025-03-15T21:27:41Z")),
                new Sample("incident-escalated-to-deputies", new IncidentEscalated(
                        "inc-2025-000319", TRUST, SCHOOL, Severity.CRITICAL, 1, List.of("deputy-dsl"),
                        "Not acknowledged within 15 minutes", at("2025-03-12T13:33:00Z"), at("2025-03-12T13:18:00Z")),
                        "/vigil/triage", "inc-2025-000319", SCHOOL, at("2025-03-12T13:18:00Z")),
                new Sample("incident-escalated-lado-timer", new IncidentEscalated(
                        "inc-2025-000321", TRUST, SCHOOL, Severity.HIGH, 1, List.of("head", "trust-safeguarding-lead"),
                        "The LADO has not been consulted within one working day", null, at("2025-03-14T16:30:00Z"),
                        null, "bullying", EscalationCause.LADO_TIMER),
                        "/vigil/triage", "inc-2025-000321", SCHOOL, at("2025-03-14T16:30:00Z")),
                new Sample("parent-contact-approved", new ParentContactApproved(
                        "inc-2025-000318", TRUST, SCHOOL, List.of("grd-0147-a"), "parent-filtering-breach.v1",
                        "staff-dsl-0042", at("2025-03-12T11:30:00Z")),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T11:30:00Z")),
                new Sample("incident-acknowledged", new IncidentUpdated(
                        "inc-2025-000318", TRUST, SCHOOL, "acknowledged", "acknowledged", Severity.HIGH, 2,
                        "staff-dsl-0042", at("2025-03-12T10:48:12Z"), at("2025-03-12T10:52:40Z")),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T10:52:40Z")),
                new Sample("incident-referred", new IncidentUpdated(
                        "inc-2025-000318", TRUST, SCHOOL, "referred", "acknowledged", Severity.HIGH, 3,
                        "staff-dsl-0042", at("2025-03-12T10:48:12Z"), at("2025-03-12T11:05:00Z"), null, "mash", null),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T11:05:00Z")),
                new Sample("incident-parent-contact-withheld", new IncidentUpdated(
                        "inc-2025-000318", TRUST, SCHOOL, "parent-contact-withheld", "acknowledged", Severity.HIGH, 3,
                        "staff-dsl-0042", at("2025-03-12T10:48:12Z"), at("2025-03-12T11:10:00Z"), null, null,
                        "police-advice"),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T11:10:00Z")),
                new Sample("incident-closed-false-positive", new IncidentUpdated(
                        "inc-2025-000319", TRUST, SCHOOL, "closed", "closed", Severity.MEDIUM, 1,
                        "staff-dsl-0042", at("2025-03-12T13:03:00Z"), at("2025-03-12T14:00:00Z"), "false-positive",
                        null, null),
                        "/vigil/triage", "inc-2025-000319", SCHOOL, at("2025-03-12T14:00:00Z")),
                new Sample("incident-alert-added-by-triage", new IncidentUpdated(
                        "inc-2025-000318", TRUST, SCHOOL, "alert-added", "open", Severity.HIGH, 3,
                        null, at("2025-03-12T10:48:12Z"), at("2025-03-12T10:48:13.005Z")),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T10:48:13.005Z")),
                new Sample("notification-requested-email", new NotificationRequested(
                        "ntf-inc-2025-000318-dsl-email", "inc-2025-000318", TRUST, SCHOOL, "email",
                        "staff-dsl-0042", "incident-opened@3", at("2025-03-12T10:41:09.500Z")),
                        "/vigil/notification", "ntf-inc-2025-000318-dsl-email", SCHOOL,
                        at("2025-03-12T10:41:09.500Z")),
                new Sample("notification-delivered-email", new NotificationDelivered(
                        "ntf-inc-2025-000318-dsl-email", "inc-2025-000318", TRUST, SCHOOL, "email",
                        "staff-dsl-0042", "<20250312104110.4471@mail.riverside.example>", 1,
                        at("2025-03-12T10:41:10.020Z")),
                        "/vigil/notification", "ntf-inc-2025-000318-dsl-email", SCHOOL,
                        at("2025-03-12T10:41:10.020Z")),
                new Sample("notification-delivered-webhook-no-reference", new NotificationDelivered(
                        "ntf-inc-2025-000319-dsl-webhook", "inc-2025-000319", TRUST, SCHOOL, "webhook",
                        "role:dsl", null, 2, at("2025-03-12T13:03:04Z")),
                        "/vigil/notification", "ntf-inc-2025-000319-dsl-webhook", SCHOOL,
                        at("2025-03-12T13:03:04Z")),
                new Sample("notification-failed-sms-permanent", new NotificationFailed(
                        "ntf-inc-2025-000319-head-sms", "inc-2025-000319", TRUST, SCHOOL, "sms",
                        "staff-head-0001", "provider rejected the number as not a mobile", true, 1,
                        at("2025-03-12T13:03:11Z")),
                        "/vigil/notification", "ntf-inc-2025-000319-head-sms", SCHOOL,
                        at("2025-03-12T13:03:11Z")),
                new Sample("audit-incident-read", new AuditRecorded(
                        "aud-9f3b6c2d", TRUST, SCHOOL, "triage", "staff-dsl-0042", "incident.read",
                        "incident", "inc-2025-000318", "success", Map.of("view", "case", "alertCount", "2"),
                        at("2025-03-12T10:50:01Z")),
                        "/vigil/triage", "inc-2025-000318", SCHOOL, at("2025-03-12T10:50:01Z")),
                new Sample("audit-trust-wide-key-rotation", new AuditRecorded(
                        "aud-1a7e0c55", TRUST, null, "intake", "trust-admin-0003", "appliance.key-rotated",
                        "appliance", "appl-fgt-main-office", "success", Map.of(),
                        at("2025-03-14T08:00:00Z")),
                        "/vigil/intake", "appl-fgt-main-office", null, at("2025-03-14T08:00:00Z")),
                new Sample("learner-with-flags-and-accounts", new LearnerUpdated(
                        "lrn-0147", TRUST, SCHOOL, "Y10", LocalDate.parse("2010-04-17"),
                        true, false, true, true, "Polish", List.of("grd-0311", "grd-0312"),
                        List.of(new DirectoryAccount(null, "y10.pupil0147", null),
                                new DirectoryAccount("appl-mon-suite-b", null, "LAPTOP-Y10-23")),
                        at("2025-03-10T06:00:02Z")),
                        "/vigil/intake", "lrn-0147", SCHOOL, at("2025-03-10T06:00:02Z")),
                new Sample("learner-minimal", new LearnerUpdated(
                        "lrn-0912", TRUST, OTHER_SCHOOL, "R", LocalDate.parse("2020-11-02"),
                        false, false, false, false, null, List.of(), List.of(),
                        at("2025-03-10T06:00:03Z")),
                        "/vigil/intake", "lrn-0912", OTHER_SCHOOL, at("2025-03-10T06:00:03Z")),
                new Sample("guardian-with-parental-responsibility", new GuardianUpdated(
                        "grd-0311", TRUST, SCHOOL, List.of("lrn-0147"), "Ms A. Nowak",
                        "a.nowak@example.org", "+447700900123", "pl", true, false, null,
                        at("2025-03-10T06:00:04Z")),
                        "/vigil/intake", "grd-0311", SCHOOL, at("2025-03-10T06:00:04Z")),
                new Sample("guardian-do-not-contact", new GuardianUpdated(
                        "grd-0312", TRUST, SCHOOL, List.of("lrn-0147"), null,
                        null, "+447700900456", null, false, true, "court order",
                        at("2025-03-10T06:00:05Z")),
                        "/vigil/intake", "grd-0312", SCHOOL, at("2025-03-10T06:00:05Z")),
                new Sample("staff-deputy-dsl", new StaffMemberUpdated(
                        "stf-0042", TRUST, SCHOOL, "Mr J. Okafor", "j.okafor@riverside.example",
                        "+447700900789", SafeguardingRole.DEPUTY_DSL,
                        List.of(new DirectoryAccount(null, "jokafor", null)),
                        at("2025-03-10T06:00:06Z")),
                        "/vigil/intake", "stf-0042", SCHOOL, at("2025-03-10T06:00:06Z")),
                new Sample("person-removed-learner", new PersonRemoved(
                        "lrn-0912", PersonKind.LEARNER, OTHER_SCHOOL, TRUST, at("2025-07-22T16:30:00Z")),
                        "/vigil/intake", "lrn-0912", OTHER_SCHOOL, at("2025-07-22T16:30:00Z")));
    }

    /** The first sample of a type: the one a test changes to show that a check can fail. */
    static Sample first(EventType type) {
        return all().stream()
                .filter(sample -> sample.type() == type)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample of " + type));
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
