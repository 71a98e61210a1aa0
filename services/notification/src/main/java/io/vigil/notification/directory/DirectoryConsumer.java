package io.vigil.notification.directory;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.PersonKind;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.notification.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps notification's copy of the directory: staff (e-mail, mobile, safeguarding role) and
 * guardians (contact details, language, parental responsibility, "do not contact"). Learners are
 * not kept here. An older record never overwrites a newer one.
 */
@ApplicationScoped
public class DirectoryConsumer {

    static final String CONSUMER = "notification.directory";

    @Inject
    IdempotentConsumer consumer;

    @Incoming(Channels.DIRECTORY_IN)
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record, this::apply);
    }

    void apply(CloudEvent event) {
        if (EventCodec.isA(event, EventType.STAFF_MEMBER_UPDATED_V1)) {
            StaffMemberUpdated staff = EventCodec.payload(event, StaffMemberUpdated.class);
            StaffMember member = StaffMember.findById(staff.personId());
            if (member == null) {
                member = new StaffMember();
                member.personId = staff.personId();
            } else if (member.updatedAt.isAfter(staff.updatedAt())) {
                return;
            }
            member.trustId = staff.trustId();
            member.schoolId = staff.schoolId();
            member.displayName = staff.displayName();
            member.email = staff.email();
            member.mobile = staff.mobile();
            member.safeguardingRole = staff.safeguardingRole().wireName();
            member.removed = false;
            member.updatedAt = staff.updatedAt();
            member.persist();
        } else if (EventCodec.isA(event, EventType.GUARDIAN_UPDATED_V1)) {
            GuardianUpdated update = EventCodec.payload(event, GuardianUpdated.class);
            Guardian guardian = Guardian.findById(update.personId());
            if (guardian == null) {
                guardian = new Guardian();
                guardian.personId = update.personId();
            } else if (guardian.updatedAt.isAfter(update.updatedAt())) {
                return;
            }
            guardian.trustId = update.trustId();
            guardian.schoolId = update.schoolId();
            guardian.displayName = update.displayName();
            guardian.email = update.email();
            guardian.mobile = update.mobile();
            guardian.preferredLanguage = update.preferredLanguage();
            guardian.parentalResponsibility = update.parentalResponsibility();
            guardian.doNotContact = update.doNotContact();
            guardian.removed = false;
            guardian.updatedAt = update.updatedAt();
            guardian.learnerIds.clear();
            guardian.learnerIds.addAll(update.learnerIds());
            guardian.persist();
        } else if (EventCodec.isA(event, EventType.PERSON_REMOVED_V1)) {
            PersonRemoved removed = EventCodec.payload(event, PersonRemoved.class);
            markRemoved(removed.kind(), removed.personId(), removed.removedAt());
        }
        // Learners: notification never needs them.
    }

    private static void markRemoved(PersonKind kind, String personId, Instant at) {
        if (kind == PersonKind.STAFF) {
            StaffMember member = StaffMember.findById(personId);
            if (member != null && !member.updatedAt.isAfter(at)) {
                member.removed = true;
                member.updatedAt = at;
            }
        } else if (kind == PersonKind.GUARDIAN) {
            Guardian guardian = Guardian.findById(personId);
            if (guardian != null && !guardian.updatedAt.isAfter(at)) {
                guardian.removed = true;
                guardian.updatedAt = at;
            }
        }
    }
}
