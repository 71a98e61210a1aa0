package io.vigil.triage.casework;

import static io.vigil.common.text.Strings.blankToNull;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.triage.incident.Incident;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the school's safeguarding team does with a case: acknowledge, assign, record what was done
 * and the referrals made, decide about telling parents or carers, close with an outcome (or as a
 * false positive), reopen. Each step is a chronology entry, an {@code IncidentUpdated} event and an
 * audit record, committed together; a step the case's state does not allow is a 409.
 */
@ApplicationScoped
public class CaseWorkflow {

    static final String SOURCE = "/vigil/triage";
    static final String OPEN = "open";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String CLOSED = "closed";

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Transactional
    public Incident acknowledge(String id) {
        Incident incident = visible(id);
        require(incident, OPEN, "Only an open case can be acknowledged; this one is " + incident.status);
        Instant now = clock.instant();
        incident.status = ACKNOWLEDGED;
        incident.acknowledgedAt = now;
        incident.acknowledgedBy = tenant.actor();
        incident.ackDueAt = null;
        return step(incident, "acknowledged", "transition", "Acknowledged", null, null, now, Reported.NOTHING);
    }

    @Transactional
    public Incident assign(String id, CaseRequests.Assign request) {
        Incident incident = notClosed(id);
        incident.assignee = request.assignee().strip();
        return step(incident, "assigned", "transition", "Assigned to " + incident.assignee, null, null, clock.instant(),
                Reported.NOTHING);
    }

    @Transactional
    public Incident note(String id, CaseRequests.Note request) {
        Incident incident = notClosed(id);
        return step(incident, "note-added", "note", request.action().strip(), null, null, clock.instant(),
                Reported.NOTHING);
    }

    @Transactional
    public Incident refer(String id, CaseRequests.Referral request) {
        Incident incident = notClosed(id);
        if ("lado".equals(request.agency())) {
            incident.ladoDueAt = null;
        }
        String text = "Referred to " + request.agency() + (request.note() == null || request.note().isBlank() ? ""
                : ": " + request.note().strip());
        return step(incident, "referred", "referral", text, request.agency(), blankToNull(request.reference()),
                clock.instant(), new Reported(null, request.agency(), null));
    }

    @Transactional
    public Incident close(String id, CaseRequests.Close request) {
        Incident incident = visible(id);
        if (OPEN.equals(incident.status)) {
            throw ProblemException.conflict("Acknowledge the case before closing it");
        }
        require(incident, ACKNOWLEDGED, "The case is already closed");
        return closeWith(incident, request.outcome(), "Closed: " + request.outcome()
                + (request.summary() == null || request.summary().isBlank() ? "" : ". " + request.summary().strip()));
    }

    @Transactional
    public Incident falsePositive(String id, CaseRequests.Reason request) {
        Incident incident = notClosed(id);
        if (incident.acknowledgedAt == null) {
            incident.acknowledgedAt = clock.instant();
            incident.acknowledgedBy = tenant.actor();
        }
        return closeWith(incident, "false-positive", "False positive: " + request.reason().strip());
    }

    @Transactional
    public Incident reopen(String id, CaseRequests.Reason request) {
        Incident incident = visible(id);
        require(incident, CLOSED, "Only a closed case can be reopened; this one is " + incident.status);
        incident.status = ACKNOWLEDGED;
        incident.closedAt = null;
        incident.outcome = null;
        return step(incident, "reopened", "transition", "Reopened: " + request.reason().strip(), null, null,
                clock.instant(), Reported.NOTHING);
    }

    /** Approves or withholds contact with parents or carers; only an approval makes a message. */
    @Transactional
    public Incident parentContact(String id, CaseRequests.ParentContact request) {
        Incident incident = notClosed(id);
        if (incident.restricted) {
            throw ProblemException.conflict("In a case about a member of staff, contact with families is agreed "
                    + "with the LADO, not decided here");
        }
        if (!"undecided".equals(incident.parentContact)) {
            throw ProblemException.conflict("Parent/carer contact has already been " + incident.parentContact);
        }
        Instant now = clock.instant();
        if ("approve".equals(request.decision())) {
            if (request.guardianIds() == null || request.guardianIds().isEmpty() || request.templateId() == null
                    || request.templateId().isBlank()) {
                throw ProblemException.badRequest("An approval names the guardians and the template", List.of(
                        new Problem.FieldError("guardianIds", "at least one guardian"),
                        new Problem.FieldError("templateId", "the message template")));
            }
            incident.parentContact = "approved";
            ParentContactApproved approved = new ParentContactApproved(incident.id.toString(), incident.trustId,
                    incident.schoolId, List.copyOf(request.guardianIds()), request.templateId().strip(),
                    tenant.actor(), now);
            outbox.publish(Topics.INCIDENTS, approved.incidentId(), EventCodec.encoded(SOURCE, approved,
                    approved.incidentId(), incident.trustId, incident.schoolId, approved.incidentId(), now));
            return step(incident, "parent-contact-approved", "parent-contact", "Parent/carer contact approved ("
                    + request.guardianIds().size() + " guardian(s), template " + request.templateId().strip() + ")",
                    null, null, now, Reported.NOTHING);
        }
        if (request.reason() == null) {
            throw ProblemException.badRequest("Say why parents or carers are not contacted",
                    List.of(new Problem.FieldError("reason", "risk-to-child, police-advice or other")));
        }
        incident.parentContact = "withheld";
        return step(incident, "parent-contact-withheld", "parent-contact", "Parent/carer not contacted: "
                + request.reason() + (request.note() == null || request.note().isBlank() ? ""
                        : ". " + request.note().strip()), null, null, now, new Reported(null, null, request.reason()));
    }

    /** The case's chronology, oldest first; the read is audited. */
    @Transactional
    public List<CaseEntry> entries(String id) {
        Incident incident = visible(id);
        audit.record(incident.trustId, incident.schoolId, tenant.actor(), "incident.chronology-read", "incident", id,
                "success", Map.of());
        return CaseEntry.list("incidentId = ?1 order by id", incident.id);
    }

    private Incident closeWith(Incident incident, String outcome, String text) {
        Instant now = clock.instant();
        incident.status = CLOSED;
        incident.closedAt = now;
        incident.outcome = outcome;
        return step(incident, "closed", "transition", text, null, null, now, new Reported(outcome, null, null));
    }

    /**
     * What a step tells other services beyond the change itself: the outcome of a closing, the agency of a
     * referral, the reason parents were not contacted. Reporting counts these; none of them is case detail.
     */
    record Reported(String outcome, String agency, String reason) {
        static final Reported NOTHING = new Reported(null, null, null);
    }

    private Incident step(Incident incident, String change, String kind, String text, String agency, String reference,
            Instant now, Reported reported) {
        CaseEntry entry = new CaseEntry();
        entry.incidentId = incident.id;
        entry.kind = kind;
        entry.actor = tenant.actor();
        entry.at = now;
        entry.text = text;
        entry.agency = agency;
        entry.reference = reference;
        entry.persist();
        IncidentUpdated update = new IncidentUpdated(incident.id.toString(), incident.trustId, incident.schoolId,
                change, incident.status, Severity.fromWire(incident.severity),
                incident.alertCount + incident.concernCount, tenant.actor(), incident.lastSeenAt, now,
                reported.outcome(), reported.agency(), reported.reason());
        outbox.publish(Topics.INCIDENTS, update.incidentId(), EventCodec.encoded(SOURCE, update, update.incidentId(),
                incident.trustId, incident.schoolId, update.incidentId(), now));
        audit.record(incident.trustId, incident.schoolId, tenant.actor(), "incident." + change, "incident",
                update.incidentId(), "success", agency == null ? Map.of() : Map.of("agency", agency));
        return incident;
    }

    private Incident visible(String id) {
        return Incident.findVisible(Ids.uuidOrNotFound(id, "incident"), tenant.trustId(), tenant.schoolIds(), identity.getRoles())
                .orElseThrow(() -> ProblemException.notFound("No incident " + id));
    }

    private Incident notClosed(String id) {
        Incident incident = visible(id);
        if (CLOSED.equals(incident.status)) {
            throw ProblemException.conflict("The case is closed; reopen it first");
        }
        return incident;
    }

    private static void require(Incident incident, String status, String otherwise) {
        if (!status.equals(incident.status)) {
            throw ProblemException.conflict(otherwise);
        }
    }

}
