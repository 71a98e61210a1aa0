package io.vigil.notification.incident;

import io.vigil.common.outbox.Outbox;
import io.vigil.common.time.SchoolCalendar;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.notification.NotificationRequested;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.TransactionMemo;
import io.vigil.notification.contact.Recipients;
import io.vigil.notification.contact.Recipients.Recipient;
import io.vigil.notification.contact.SchoolDirectory;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.delivery.DeliveryService;
import io.vigil.notification.delivery.StaffAlertMessage;
import io.vigil.notification.preference.ChannelPolicy;
import io.vigil.notification.preference.SchoolChannels;
import io.vigil.notification.preference.StaffPreference;
import io.vigil.notification.template.MessageTemplates;
import io.vigil.notification.template.TemplateProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides who is told about an incident and how: everyone holding a role it is routed or escalated
 * to (from the directory feed and the school's configured contacts), and out of hours the staff on
 * the rota; each by the channels the school uses for that severity, or their own choice (never
 * fewer than the school's for a critical incident). In the school's quiet hours a message that is
 * not critical waits for the next school-day start. Each (incident event, channel, address) gets one
 * notification id, so planning the same event twice yields the same ledger rows.
 */
@ApplicationScoped
public class StaffAlertPlanner {

    @Inject
    Outbox outbox;

    @Inject
    DeliveryService deliveries;

    @Inject
    SchoolChannels schoolChannels;

    @Inject
    SchoolCalendar calendar;

    @Inject
    MessageTemplates templates;

    @Inject
    Clock clock;

    @Inject
    TransactionMemo memo;

    @ConfigProperty(name = "vigil.links.case-base-url")
    String caseBaseUrl;

    /** The incident a message is about. */
    record Target(String incidentId, String trustId, String schoolId, Severity severity) {
    }

    /** Writes the ledger rows for an opened incident; returns the ids to send now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentOpened opened) {
        Target incident = new Target(opened.incidentId(), opened.trustId(), opened.schoolId(), opened.severity());
        try {
            return planFor(eventId, incident, opened.allRoutedRoles(), opened.onCall(),
                    StaffAlertMessage.opened(templates, opened, schoolName(incident), caseBaseUrl + opened.incidentId(),
                            calendar.zone()));
        } catch (TemplateProblem problem) {
            return unwritable(eventId, incident, problem);
        }
    }

    /** Writes the ledger rows for an escalation, to the roles it names; returns the ids to send now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentEscalated escalated) {
        Target incident = new Target(escalated.incidentId(), escalated.trustId(), escalated.schoolId(),
                escalated.severity());
        try {
            return planFor(eventId, incident, escalated.escalatedTo(), escalated.onCall(),
                    StaffAlertMessage.escalated(templates, escalated, schoolName(incident),
                            caseBaseUrl + escalated.incidentId()));
        } catch (TemplateProblem problem) {
            return unwritable(eventId, incident, problem);
        }
    }

    /**
     * Writes the ledger rows of a school's digest: one e-mail to each DSL listing the gathered incidents;
     * returns the ids to send.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> planDigest(UUID digestId, SchoolDirectory school, String period, List<String> incidentIds,
            Instant now) {
        Target digest = new Target("digest-" + period, school.trustId, school.id, Severity.LOW);
        StaffAlertMessage message = StaffAlertMessage.digest(templates, school.trustId, school.name, period,
                incidentIds.stream().map(id -> caseBaseUrl + id).toList());
        List<Recipient> dsls = Recipients.withRole(school.trustId, school.id, "dsl");
        if (dsls.isEmpty()) {
            unroutable(digestId.toString(), digest, "role:dsl", message,
                    "No dsl contact is known for school " + school.id, now);
        }
        List<UUID> planned = new ArrayList<>();
        for (Recipient dsl : dsls) {
            UUID id = notificationId(digestId.toString(), dsl.email());
            if (Delivery.findById(id) == null) {
                request(newDelivery(id, digest, ChannelPolicy.EMAIL, dsl.ref(), dsl.email(), message, now), now);
                planned.add(id);
            }
        }
        return planned;
    }

    /** The school's name, or its id when the school is not known in the incident's trust. */
    private static String schoolName(Target incident) {
        SchoolDirectory school = school(incident);
        return school != null ? school.name : incident.schoolId();
    }

    /** A school is only ever reached through its own trust, even where two trusts reuse an id. */
    static SchoolDirectory school(Target incident) {
        SchoolDirectory school = SchoolDirectory.findById(incident.schoolId());
        return school != null && school.trustId.equals(incident.trustId()) ? school : null;
    }

    private List<UUID> planFor(String eventId, Target incident, List<String> roles, List<String> onCall,
            StaffAlertMessage message) {
        Instant now = clock.instant();
        SchoolDirectory school = school(incident);
        List<Recipient> recipients = new ArrayList<>();
        // Every role the incident is routed to (e.g. the DSL and the head for illegal content); a role
        // with nobody to reach is a failure triage escalates, never a silent gap.
        for (String role : roles) {
            List<Recipient> ofRole = school != null ? memo.get(List.of("recipients", incident.trustId(),
                    incident.schoolId(), role), () -> Recipients.withRole(incident.trustId(), incident.schoolId(), role))
                    : List.of();
            if (ofRole.isEmpty()) {
                unroutable(eventId, incident, "role:" + role, message, school != null
                        ? "No " + role + " contact is known for school " + incident.schoolId()
                        : "School " + incident.schoolId() + " is not known in trust " + incident.trustId(), now);
            }
            ofRole.forEach(r -> Recipients.add(recipients, r));
        }
        if (onCall != null && school != null) {
            List<Recipient> rota = Recipients.onCall(incident.trustId(), onCall);
            for (String staffId : onCall) {
                if (rota.stream().noneMatch(r -> r.ref().equals("on-call:" + staffId))) {
                    unroutable(eventId, incident, "on-call:" + staffId, message,
                            "The member of staff on call (" + staffId + ") is not in the directory", now);
                }
            }
            rota.forEach(r -> Recipients.add(recipients, r));
        }
        Instant deliverAfter = school == null ? null : deferral(school, incident.severity(), now);
        Set<String> schoolDefault = memo.get(List.of("school-channels", incident.schoolId(), incident.severity()),
                () -> schoolChannels.of(incident.schoolId(), incident.severity()));
        List<UUID> planned = new ArrayList<>();
        for (Recipient recipient : recipients) {
            Set<String> own = memo.get(List.of("preference", incident.trustId(), recipient.email(),
                    incident.severity()), () -> StaffPreference.of(incident.trustId(), recipient.email(),
                            incident.severity().wireName()).orElse(null));
            for (String channel : ChannelPolicy.forPerson(incident.severity(), schoolDefault, own,
                    recipient.mobile() != null)) {
                String address = ChannelPolicy.SMS.equals(channel) ? recipient.mobile() : recipient.email();
                UUID id = notificationId(eventId, ChannelPolicy.SMS.equals(channel) ? "sms:" + address : address);
                if (planned(id)) {
                    continue;
                }
                Delivery delivery = newDelivery(id, incident, channel, recipient.ref(), address, message, now);
                delivery.deliverAfter = deliverAfter;
                request(delivery, now);
                if (deliverAfter == null) {
                    planned.add(id);
                }
            }
        }
        return planned;
    }

    /**
     * When a message decided at {@code now} may go: at once, unless it is not critical and {@code now}
     * falls in the school's quiet hours, when it waits (never dropped) for the next school-day start.
     */
    public Instant deferral(SchoolDirectory school, Severity severity, Instant now) {
        if (severity == Severity.CRITICAL || school.quietFrom == null || school.quietUntil == null
                || !inQuietHours(school.quietFrom, school.quietUntil, now.atZone(calendar.zone()).toLocalTime())) {
            return null;
        }
        Instant start = calendar.nextSchoolDayStart(now);
        return start.isAfter(now) ? start : null;
    }

    /**
     * Whether {@code time} falls in {@code from}–{@code until}, which may run past midnight (e.g. 18:00–07:30).
     * An empty window ({@code from} equal to {@code until}, how a school turns quiet hours off) is never quiet.
     */
    static boolean inQuietHours(LocalTime from, LocalTime until, LocalTime time) {
        if (from.equals(until)) {
            return false;
        }
        return from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
    }

    /** Whether the ledger already has the row {@code id} (planned earlier, or earlier in this transaction). */
    boolean planned(UUID id) {
        return memo.exists(Delivery.class, id, () -> Delivery.findById(id) != null);
    }

    /**
     * Records a ledger row and announces it, in the caller's transaction. A row to go at once (not
     * deferred) is written claimed and is sent when that transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void request(Delivery delivery, Instant now) {
        if (delivery.deliverAfter == null) {
            deliveries.sendOnCommit(delivery);
        }
        delivery.persist();
        memo.added(Delivery.class, delivery.notificationId);
        NotificationRequested requested = new NotificationRequested(delivery.notificationId.toString(),
                delivery.incidentId, delivery.trustId, delivery.schoolId, delivery.channel, delivery.recipientRef,
                delivery.templateId, now);
        outbox.publish(Topics.NOTIFICATIONS, requested.notificationId(), EventCodec.encoded(DeliveryService.SOURCE,
                requested, requested.notificationId(), delivery.trustId, delivery.schoolId, delivery.incidentId, now));
    }

    /** A message that cannot be written is a recorded failure that triage escalates, never a retry loop. */
    private List<UUID> unwritable(String eventId, Target incident, TemplateProblem problem) {
        unroutable(eventId, incident, "template", new StaffAlertMessage("-", "-", "-", "-"),
                "The message could not be written: " + problem.getMessage(), clock.instant());
        return List.of();
    }

    private void unroutable(String eventId, Target incident, String ref, StaffAlertMessage message,
            String reason, Instant now) {
        Delivery unroutable = newDelivery(notificationId(eventId, ref), incident, ChannelPolicy.EMAIL, ref, "-", message,
                now);
        if (!planned(unroutable.notificationId)) {
            unroutable.persist();
            memo.added(Delivery.class, unroutable.notificationId);
            deliveries.fail(unroutable, reason, true, now);
        }
    }

    public static UUID notificationId(String eventId, String recipient) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + recipient).getBytes(StandardCharsets.UTF_8));
    }

    static Delivery newDelivery(UUID id, Target incident, String channel, String recipientRef, String address,
            StaffAlertMessage message, Instant now) {
        Delivery delivery = new Delivery();
        delivery.notificationId = id;
        delivery.incidentId = incident.incidentId();
        delivery.trustId = incident.trustId();
        delivery.schoolId = incident.schoolId();
        delivery.channel = channel;
        delivery.recipientRef = recipientRef;
        delivery.recipientAddress = address;
        delivery.templateId = message.templateRef();
        delivery.subject = message.subject();
        delivery.body = message.body();
        delivery.shortText = message.shortText();
        delivery.severity = incident.severity().wireName();
        delivery.language = "en";
        delivery.state = "requested";
        delivery.attempts = 0;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }
}
