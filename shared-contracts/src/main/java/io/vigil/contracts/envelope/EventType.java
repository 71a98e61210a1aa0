package io.vigil.contracts.envelope;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.directory.StaffMemberUpdated;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.notification.NotificationRequested;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type Vigil publishes: its CloudEvents {@code type}, payload record and JSON Schema.
 * A breaking change is a new constant ({@code .v2}) published beside the old one.
 */
public enum EventType {
    ALERT_RECEIVED_V1("uk.vigil.alert-received.v1", AlertReceived.class),
    CONCERN_REPORTED_V1("uk.vigil.concern-reported.v1", ConcernReported.class),
    SOURCE_SILENT_V1("uk.vigil.source-silent.v1", SourceSilent.class),
    SOURCE_RESUMED_V1("uk.vigil.source-resumed.v1", SourceResumed.class),
    INCIDENT_OPENED_V1("uk.vigil.incident-opened.v1", IncidentOpened.class),
    INCIDENT_UPDATED_V1("uk.vigil.incident-updated.v1", IncidentUpdated.class),
    INCIDENT_ESCALATED_V1("uk.vigil.incident-escalated.v1", IncidentEscalated.class),
    PARENT_CONTACT_APPROVED_V1("uk.vigil.parent-contact-approved.v1", ParentContactApproved.class),
    NOTIFICATION_REQUESTED_V1("uk.vigil.notification-requested.v1", NotificationRequested.class),
    NOTIFICATION_DELIVERED_V1("uk.vigil.notification-delivered.v1", NotificationDelivered.class),
    NOTIFICATION_FAILED_V1("uk.vigil.notification-failed.v1", NotificationFailed.class),
    AUDIT_RECORDED_V1("uk.vigil.audit-recorded.v1", AuditRecorded.class),
    LEARNER_UPDATED_V1("uk.vigil.learner-updated.v1", LearnerUpdated.class),
    GUARDIAN_UPDATED_V1("uk.vigil.guardian-updated.v1", GuardianUpdated.class),
    STAFF_MEMBER_UPDATED_V1("uk.vigil.staff-member-updated.v1", StaffMemberUpdated.class),
    PERSON_REMOVED_V1("uk.vigil.person-removed.v1", PersonRemoved.class);

    private final String type;
    private final Class<? extends Record> payloadClass;

    EventType(String type, Class<? extends Record> payloadClass) {
        this.type = type;
        this.payloadClass = payloadClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public Class<? extends Record> payloadClass() {
        return payloadClass;
    }

    /** Classpath location of the payload's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + type + ".schema.json";
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType ofPayload(Class<?> payloadClass) {
        EventType type = BY_PAYLOAD.get(payloadClass);
        if (type == null) {
            throw new IllegalArgumentException("Not a Vigil event payload: " + payloadClass);
        }
        return type;
    }

    private static final java.util.Map<Class<?>, EventType> BY_PAYLOAD = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(EventType::payloadClass, t -> t));
}
