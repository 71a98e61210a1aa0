package io.vigil.reporting.retention;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.reporting.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps reporting's copy of the directory from {@code vigil.directory.v1}, once per event id: a learner's
 * date of birth, and the kind (and a member of staff's safeguarding role) of everyone else, nothing more.
 * An older record never overwrites a newer one. A removed person is marked removed and keeps their date
 * of birth, since the records about them must be kept regardless; tombstones are skipped.
 */
@ApplicationScoped
public class DirectoryEventConsumer {

    static final String CONSUMER = "reporting.directory";

    @Inject
    IdempotentConsumer consumer;

    @Incoming(Channels.DIRECTORY_IN)
    @Blocking
    public void onDirectoryEvent(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record, this::apply);
    }

    void apply(CloudEvent event) {
        if (EventCodec.isA(event, EventType.LEARNER_UPDATED_V1)) {
            LearnerUpdated learner = EventCodec.payload(event, LearnerUpdated.class);
            DirectoryPerson person = current(learner.personId(), DirectoryPerson.LEARNER, learner.trustId(),
                    learner.schoolId(), learner.updatedAt());
            if (person != null) {
                person.dateOfBirth = learner.dateOfBirth();
                person.safeguardingRole = null;
            }
        } else if (EventCodec.isA(event, EventType.STAFF_MEMBER_UPDATED_V1)) {
            StaffMemberUpdated staff = EventCodec.payload(event, StaffMemberUpdated.class);
            DirectoryPerson person = current(staff.personId(), DirectoryPerson.STAFF, staff.trustId(),
                    staff.schoolId(), staff.updatedAt());
            if (person != null) {
                person.dateOfBirth = null;
                person.safeguardingRole = staff.safeguardingRole().wireName();
            }
        } else if (EventCodec.isA(event, EventType.GUARDIAN_UPDATED_V1)) {
            GuardianUpdated guardian = EventCodec.payload(event, GuardianUpdated.class);
            DirectoryPerson person = current(guardian.personId(), DirectoryPerson.GUARDIAN, guardian.trustId(),
                    guardian.schoolId(), guardian.updatedAt());
            if (person != null) {
                person.dateOfBirth = null;
                person.safeguardingRole = null;
            }
        } else if (EventCodec.isA(event, EventType.PERSON_REMOVED_V1)) {
            removed(EventCodec.payload(event, PersonRemoved.class));
        }
        // Any other type on the directory topic is a newer intake's: nothing reporting keeps.
    }

    private static void removed(PersonRemoved removed) {
        DirectoryPerson person = DirectoryPerson.findById(removed.personId());
        if (person == null) {
            person = new DirectoryPerson();
            person.personId = removed.personId();
            person.trustId = removed.trustId();
            person.schoolId = removed.schoolId();
            person.kind = removed.kind().wireName();
            person.updatedAt = removed.removedAt();
            person.removed = true;
            person.removedAt = removed.removedAt();
            person.persist();
        } else if (!person.updatedAt.isAfter(removed.removedAt())) {
            // The date of birth stays: a child-protection record is kept until it + 25 years.
            person.removed = true;
            person.removedAt = removed.removedAt();
            person.updatedAt = removed.removedAt();
        }
    }

    /** The person's row, created if new, or null when the event is older than what is held. */
    private static DirectoryPerson current(String personId, String kind, String trustId, String schoolId,
            Instant updatedAt) {
        DirectoryPerson person = DirectoryPerson.findById(personId);
        boolean created = person == null;
        if (created) {
            person = new DirectoryPerson();
            person.personId = personId;
        } else if (person.updatedAt.isAfter(updatedAt)) {
            return null;
        }
        person.kind = kind;
        person.trustId = trustId;
        person.schoolId = schoolId;
        person.removed = false;
        person.removedAt = null;
        person.updatedAt = updatedAt;
        if (created) {
            person.persist();
        }
        return person;
    }
}
