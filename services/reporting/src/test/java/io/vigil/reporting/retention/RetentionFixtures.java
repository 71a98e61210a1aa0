package io.vigil.reporting.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.topics.Topics;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.Referral;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * Register rows, referrals, notification outcomes and directory people written straight into reporting's
 * database, with random ids: what the projections would have made, where the projection is not under test.
 */
public final class RetentionFixtures {

    private RetentionFixtures() {
    }

    /** A closed incident of the demo trust about {@code personId} at {@code school}, opened {@code openedAt}. */
    public static RegisterEntry incident(DemoTrust.School school, String personId, Instant openedAt) {
        return incident(DemoTrust.TRUST_ID, school.id(), personId, false, openedAt);
    }

    public static RegisterEntry incident(String trustId, String schoolId, String personId, boolean restricted,
            Instant openedAt) {
        Instant opened = openedAt.truncatedTo(ChronoUnit.MICROS);
        RegisterEntry entry = new RegisterEntry();
        entry.incidentId = UUID.randomUUID().toString();
        entry.trustId = trustId;
        entry.schoolId = schoolId;
        entry.category = "cyberbullying";
        entry.fourCs = "conduct";
        entry.severity = "medium";
        entry.status = "closed";
        entry.routedTo = restricted ? "head" : "dsl";
        entry.routedRoles = restricted ? "head" : "dsl";
        entry.restricted = restricted;
        entry.sourceId = "test-appliance";
        entry.personId = personId;
        entry.alertCount = 2;
        entry.firstSeenAt = opened;
        entry.lastSeenAt = opened;
        entry.openedAt = opened;
        entry.updatedAt = opened.plusSeconds(3600);
        entry.acknowledgedAt = opened.plusSeconds(600);
        entry.closedAt = opened.plusSeconds(3600);
        entry.outcome = "handled-in-school";
        entry.parentContact = "withheld";
        entry.parentContactReason = "risk-to-child";
        QuarkusTransaction.requiringNew().run(entry::persist);
        return entry;
    }

    /** A learner of the demo trust in the directory copy. */
    public static DirectoryPerson learner(DemoTrust.School school, LocalDate dateOfBirth) {
        return person(DemoTrust.TRUST_ID, school.id(), DirectoryPerson.LEARNER, dateOfBirth, null);
    }

    public static DirectoryPerson person(String trustId, String schoolId, String kind, LocalDate dateOfBirth,
            String safeguardingRole) {
        DirectoryPerson person = new DirectoryPerson();
        person.personId = kind.substring(0, 3) + "-" + UUID.randomUUID();
        person.trustId = trustId;
        person.schoolId = schoolId;
        person.kind = kind;
        person.dateOfBirth = dateOfBirth;
        person.safeguardingRole = safeguardingRole;
        person.updatedAt = Instant.now();
        QuarkusTransaction.requiringNew().run(person::persist);
        return person;
    }

    /** A legal hold in force on an incident, placed just now; written straight in, whatever the incident's trust. */
    public static RetentionHold hold(String trustId, String schoolId, String incidentId) {
        RetentionHold hold = new RetentionHold();
        hold.id = UUID.randomUUID();
        hold.trustId = trustId;
        hold.schoolId = schoolId;
        hold.incidentId = incidentId;
        hold.reason = "Test hold";
        hold.placedBy = "test.placer";
        hold.placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(hold::persist);
        return hold;
    }

    /** A referral of the incident to {@code agency}. */
    public static void referral(RegisterEntry entry, String agency) {
        Referral referral = new Referral();
        referral.eventId = UUID.randomUUID().toString();
        referral.incidentId = entry.incidentId;
        referral.agency = agency;
        referral.referredAt = entry.acknowledgedAt.plusSeconds(60);
        QuarkusTransaction.requiringNew().run(referral::persist);
    }

    /** Waits for reporting's audit record of {@code action} naming each of {@code mentions} on vigil.audit.v1. */
    public static void awaitAudit(String action, String... mentions) {
        TopicProbe.await(Topics.AUDIT, r -> r.value() != null && r.value().contains("\"" + action + "\"")
                && Arrays.stream(mentions).allMatch(r.value()::contains), Duration.ofSeconds(90));
    }

    /** A delivered e-mail about the incident. */
    public static void notification(RegisterEntry entry) {
        NotificationOutcome outcome = new NotificationOutcome();
        outcome.notificationId = UUID.randomUUID().toString();
        outcome.incidentId = entry.incidentId;
        outcome.trustId = entry.trustId;
        outcome.schoolId = entry.schoolId;
        outcome.channel = "email";
        outcome.state = NotificationOutcome.DELIVERED;
        outcome.attempts = 1;
        outcome.requestedAt = entry.openedAt.plusSeconds(5);
        outcome.settledAt = entry.openedAt.plusSeconds(10);
        QuarkusTransaction.requiringNew().run(outcome::persist);
    }
}
