package io.vigil.triage.directory;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.triage.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps triage's copy of the directory: a learner's date of birth and vulnerability flags (for
 * severity) and a member of staff's safeguarding role (for routing). Guardians are not needed here.
 * An older record never overwrites a newer one.
 */
@ApplicationScoped
public class DirectoryConsumer {

    static final String CONSUMER = "triage.directory";

    @Inject
    IdempotentConsumer consumer;

    @Incoming(Channels.DIRECTORY_IN)
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record, this::apply);
    }

    void apply(CloudEvent event) {
        if (EventCodec.isA(event, EventType.LEARNER_UPDATED_V1)) {
            LearnerUpdated learner = EventCodec.payload(event, LearnerUpdated.class);
            Person person = current(learner.personId(), "learner", learner.trustId(), learner.schoolId(),
                    learner.updatedAt());
            if (person != null) {
                person.dateOfBirth = learner.dateOfBirth();
                person.send = learner.send();
                person.lookedAfter = learner.lookedAfter();
                person.childProtectionPlan = learner.childProtectionPlan();
            }
        } else if (EventCodec.isA(event, EventType.STAFF_MEMBER_UPDATED_V1)) {
            StaffMemberUpdated staff = EventCodec.payload(event, StaffMemberUpdated.class);
            Person person = current(staff.personId(), "staff", staff.trustId(), staff.schoolId(), staff.updatedAt());
            if (person != null) {
                person.safeguardingRole = staff.safeguardingRole().wireName();
            }
        } else if (EventCodec.isA(event, EventType.PERSON_REMOVED_V1)) {
            PersonRemoved removed = EventCodec.payload(event, PersonRemoved.class);
            Person person = current(removed.personId(), removed.kind().wireName(), removed.trustId(),
                    removed.schoolId(), removed.removedAt());
            if (person != null) {
                person.removed = true;
            }
        }
        // Guardians: notification's concern, not triage's.
    }

    /** The person's row, created if new, or null when the event is older than what is held. */
    private static Person current(String id, String kind, String trustId, String schoolId, Instant updatedAt) {
        Person person = Person.findById(id);
        boolean created = person == null;
        if (created) {
            person = new Person();
            person.id = id;
        } else if (person.updatedAt.isAfter(updatedAt)) {
            return null;
        }
        person.kind = kind;
        person.trustId = trustId;
        person.schoolId = schoolId;
        person.removed = false;
        person.updatedAt = updatedAt;
        // Persisted once its required fields are set: the insert carries the state it has now.
        if (created) {
            person.persist();
        }
        return person;
    }
}
