package io.vigil.reporting.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonKind;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.SafeguardingRole;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reporting's copy of the directory, from real events on vigil.directory.v1. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class DirectoryEventConsumerTest {

    /** Reporting may first be reading the directory records the build's earlier modules left on the topic. */
    private static final Duration WITHIN = Duration.ofSeconds(120);

    @Test
    void aLearnersDateOfBirthIsStoredOnceAndKeptWhenTheyAreRemoved() {
        String personId = "pupil-" + UUID.randomUUID();
        Instant updated = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LearnerUpdated learner = learner(personId, LocalDate.of(2008, 2, 29), updated);
        String eventId = UUID.randomUUID().toString();
        publish(personId, eventId, learner);
        publish(personId, eventId, learner(personId, LocalDate.of(2001, 1, 1), updated.plusSeconds(1)));
        DirectoryPerson stored = awaitPerson(personId, p -> true);
        assertThat(stored.kind).isEqualTo(DirectoryPerson.LEARNER);
        assertThat(stored.dateOfBirth).as("the same event id again changed nothing")
                .isEqualTo(LocalDate.of(2008, 2, 29));
        assertThat(stored.schoolId).isEqualTo(DemoTrust.NORTH.id());
        assertThat(stored.trustId).isEqualTo(DemoTrust.TRUST_ID);

        // An older version is ignored, a newer one applied.
        publish(personId, UUID.randomUUID().toString(), learner(personId, LocalDate.of(1999, 9, 9),
                updated.minusSeconds(60)));
        publish(personId, UUID.randomUUID().toString(), learner(personId, LocalDate.of(2008, 3, 1),
                updated.plusSeconds(60)));
        awaitPerson(personId, p -> LocalDate.of(2008, 3, 1).equals(p.dateOfBirth));

        // A tombstone is skipped; a removal keeps the date of birth, for retention.
        TopicProbe.send(Topics.DIRECTORY, personId, null);
        publish(personId, UUID.randomUUID().toString(), new PersonRemoved(personId, PersonKind.LEARNER,
                DemoTrust.NORTH.id(), DemoTrust.TRUST_ID, updated.plusSeconds(120)));
        DirectoryPerson removed = awaitPerson(personId, p -> p.removed);
        assertThat(removed.dateOfBirth).isEqualTo(LocalDate.of(2008, 3, 1));
        assertThat(removed.removedAt).isEqualTo(updated.plusSeconds(120));
    }

    @Test
    void staffAndGuardiansAreKeptByKindAndRoleOnlyForRedaction() {
        String staffId = "stf-" + UUID.randomUUID();
        String guardianId = "gdn-" + UUID.randomUUID();
        Instant now = Instant.now();
        publish(staffId, UUID.randomUUID().toString(), new StaffMemberUpdated(staffId, DemoTrust.TRUST_ID,
                DemoTrust.SOUTH.id(), "A Teacher", "teacher@example.test", null, SafeguardingRole.DEPUTY_DSL,
                List.of(), now));
        publish(guardianId, UUID.randomUUID().toString(), new GuardianUpdated(guardianId, DemoTrust.TRUST_ID,
                DemoTrust.SOUTH.id(), List.of("pupil-1"), "A Parent", "parent@example.test", null, null, true,
                false, null, now));
        DirectoryPerson staff = awaitPerson(staffId, p -> true);
        assertThat(staff.kind).isEqualTo(DirectoryPerson.STAFF);
        assertThat(staff.safeguardingRole).isEqualTo("deputy-dsl");
        assertThat(staff.dateOfBirth).isNull();
        assertThat(awaitPerson(guardianId, p -> true).kind).isEqualTo(DirectoryPerson.GUARDIAN);
    }

    private static LearnerUpdated learner(String personId, LocalDate born, Instant updatedAt) {
        return new LearnerUpdated(personId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), "Y9", born, false, false, false,
                false, null, List.of(), List.of(), updatedAt);
    }

    private static void publish(String personId, String eventId, Record payload) {
        TopicProbe.send(Topics.DIRECTORY, personId, EventCodec.encode(EventCodec.envelope(eventId,
                "/vigil/intake", payload, personId, DemoTrust.TRUST_ID, null, null, Instant.now())));
    }

    private static DirectoryPerson awaitPerson(String personId, java.util.function.Predicate<DirectoryPerson> state) {
        await().atMost(WITHIN).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            DirectoryPerson person = DirectoryPerson.findById(personId);
            return person != null && state.test(person);
        }));
        return QuarkusTransaction.requiringNew().call(() -> DirectoryPerson.findById(personId));
    }
}
