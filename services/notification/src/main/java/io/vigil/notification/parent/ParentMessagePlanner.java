package io.vigil.notification.parent;

import io.vigil.common.audit.AuditTrail;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.incident.Severity;
import io.vigil.notification.contact.SchoolDirectory;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.delivery.DeliveryService;
import io.vigil.notification.directory.Guardian;
import io.vigil.notification.incident.StaffAlertPlanner;
import io.vigil.notification.preference.ChannelPolicy;
import io.vigil.notification.template.MessageTemplates;
import io.vigil.notification.template.Rendered;
import io.vigil.notification.template.TemplateProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Messages to parents and carers, only ever from a DSL's approval: to each guardian the DSL named who
 * is in the directory for that school, holds parental responsibility and is not flagged "do not
 * contact"; in their preferred language where Vigil has the wording (else English); by e-mail, or by
 * text message when there is no e-mail address. A guardian who may not or cannot be contacted, or a
 * message that cannot be written (the school's telephone number is missing, say), is a
 * {@code NotificationFailed} with the reason, which the DSL sees on the case; nothing is sent.
 */
@ApplicationScoped
public class ParentMessagePlanner {

    /** Who parents are told to contact. */
    static final String CONTACT_ROLE = "Designated Safeguarding Lead";

    @Inject
    MessageTemplates templates;

    @Inject
    StaffAlertPlanner planner;

    @Inject
    DeliveryService deliveries;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Writes a ledger row per named guardian; returns the ids to send now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, ParentContactApproved approved) {
        Instant now = clock.instant();
        SchoolDirectory school = SchoolDirectory.findById(approved.schoolId());
        boolean knownSchool = school != null && school.trustId.equals(approved.trustId());
        String key = templateKey(approved.templateId());
        List<UUID> planned = new ArrayList<>();
        for (String guardianId : approved.guardianIds()) {
            String ref = "guardian:" + guardianId;
            UUID id = StaffAlertPlanner.notificationId(eventId, ref);
            if (Delivery.findById(id) != null) {
                continue;
            }
            Guardian guardian = Guardian.findById(guardianId);
            String why = !knownSchool ? "the school is not known in the trust"
                    : guardian == null ? "the guardian is not in the directory"
                    : guardian.whyNotContactable(approved.trustId(), approved.schoolId());
            Delivery delivery = row(id, approved, ref, now);
            if (why != null) {
                delivery.channel = ChannelPolicy.EMAIL;
                delivery.recipientAddress = "-";
                fail(delivery, "Not sent to guardian " + guardianId + ": " + (guardian == null || !knownSchool ? why
                        : "the guardian " + why), now);
                continue;
            }
            boolean byEmail = guardian.email != null;
            delivery.channel = byEmail ? ChannelPolicy.EMAIL : ChannelPolicy.SMS;
            delivery.recipientAddress = byEmail ? guardian.email : guardian.mobile;
            try {
                Rendered message = templates.render(approved.trustId(), key, guardian.preferredLanguage,
                        data(school, guardian));
                delivery.templateId = message.templateRef();
                delivery.language = message.language();
                delivery.subject = message.subject();
                delivery.body = message.body();
                delivery.shortText = message.sms();
            } catch (TemplateProblem problem) {
                fail(delivery, "Not sent to guardian " + guardianId + ": " + problem.getMessage(), now);
                continue;
            }
            delivery.deliverAfter = planner.deferral(school, Severity.MEDIUM, now);
            planner.request(delivery, now);
            audit.record(approved.trustId(), approved.schoolId(), "system", "parent-message.planned", "notification",
                    id.toString(), "success", Map.of("incidentId", approved.incidentId(), "guardian", guardianId,
                            "approvedBy", approved.approvedBy(), "template", delivery.templateId,
                            "channel", delivery.channel));
            if (delivery.deliverAfter == null) {
                planned.add(id);
            }
        }
        return planned;
    }

    /** A template id as the DSL chose it, e.g. {@code parent-filtering-breach.v1}: the key without a version. */
    static String templateKey(String templateId) {
        return templateId.strip().replaceFirst("\\.v\\d+$", "");
    }

    private static Map<String, Object> data(SchoolDirectory school, Guardian guardian) {
        Map<String, Object> data = new HashMap<>();
        data.put("schoolName", school.name);
        data.put("contactRole", CONTACT_ROLE);
        if (school.phone != null) {
            data.put("schoolPhone", school.phone);
        }
        if (school.email != null) {
            data.put("schoolEmail", school.email);
        }
        if (guardian.displayName != null && !guardian.displayName.isBlank()) {
            data.put("guardianName", guardian.displayName);
        }
        return data;
    }

    private void fail(Delivery delivery, String reason, Instant now) {
        delivery.subject = "-";
        delivery.body = "-";
        delivery.persist();
        deliveries.fail(delivery, reason, true, now);
    }

    private static Delivery row(UUID id, ParentContactApproved approved, String ref, Instant now) {
        Delivery delivery = new Delivery();
        delivery.notificationId = id;
        delivery.incidentId = approved.incidentId();
        delivery.trustId = approved.trustId();
        delivery.schoolId = approved.schoolId();
        delivery.recipientRef = ref;
        delivery.templateId = approved.templateId();
        delivery.state = "requested";
        delivery.attempts = 0;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }
}
