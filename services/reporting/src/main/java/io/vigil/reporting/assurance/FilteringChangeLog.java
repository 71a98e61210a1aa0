package io.vigil.reporting.assurance;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The filtering change log's steps: asked for, then approved or rejected by someone other than the
 * asker, then (if approved) applied. Each step is audited in its own transaction with the change; a
 * step the entry's state does not allow is a 409.
 */
@ApplicationScoped
public class FilteringChangeLog {

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Logs a request for a change (audited); the caller has validated it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilteringChange request(String trustId, String schoolId, String actor, FilteringChange change) {
        change.id = UUID.randomUUID();
        change.trustId = trustId;
        change.schoolId = schoolId;
        change.status = FilteringChange.REQUESTED;
        change.requestedBy = actor;
        change.requestedAt = clock.instant();
        change.persist();
        record(change, actor, "filtering-change.requested");
        return change;
    }

    /** Approves a requested change; never by the person who asked for it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilteringChange approve(String trustId, String schoolId, String id, String actor, String note) {
        return decide(trustId, schoolId, id, actor, note, FilteringChange.APPROVED);
    }

    /** Turns down a requested change; never by the person who asked for it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilteringChange reject(String trustId, String schoolId, String id, String actor, String note) {
        return decide(trustId, schoolId, id, actor, note, FilteringChange.REJECTED);
    }

    /**
     * Records that an approved change was made on the filtering system, at {@code appliedAt} (now when
     * null; the caller has checked it is neither in the future nor before the approval).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilteringChange apply(String trustId, String schoolId, String id, String actor, Instant appliedAt) {
        FilteringChange change = locked(trustId, schoolId, id);
        if (!FilteringChange.APPROVED.equals(change.status)) {
            throw ProblemException.conflict("Only an approved change is applied; this one is " + change.status);
        }
        if (appliedAt != null && appliedAt.isBefore(change.decidedAt)) {
            throw ProblemException.badRequest("The change was applied before it was approved", List.of(
                    new Problem.FieldError("appliedAt", "must not be before the approval, "
                            + change.decidedAt)));
        }
        change.status = FilteringChange.APPLIED;
        change.appliedBy = actor;
        change.appliedAt = appliedAt != null ? appliedAt : clock.instant();
        record(change, actor, "filtering-change.applied");
        return change;
    }

    /** The entry of the trust's school, or 404. */
    static FilteringChange find(String trustId, String schoolId, String id) {
        FilteringChange change = FilteringChange.findById(Ids.uuidOrNotFound(id, "filtering change"));
        return visible(change, trustId, schoolId, id);
    }

    private FilteringChange decide(String trustId, String schoolId, String id, String actor, String note,
            String decision) {
        FilteringChange change = locked(trustId, schoolId, id);
        if (!FilteringChange.REQUESTED.equals(change.status)) {
            throw ProblemException.conflict("The change has already been decided: it is " + change.status);
        }
        if (change.requestedBy.equals(actor)) {
            throw ProblemException.conflict("The person who asked for a change does not decide it");
        }
        change.status = decision;
        change.decidedBy = actor;
        change.decidedAt = clock.instant();
        change.decisionNote = note;
        record(change, actor, "filtering-change." + decision);
        return change;
    }

    private static FilteringChange locked(String trustId, String schoolId, String id) {
        FilteringChange change = FilteringChange.findById(Ids.uuidOrNotFound(id, "filtering change"),
                LockModeType.PESSIMISTIC_WRITE);
        return visible(change, trustId, schoolId, id);
    }

    private static FilteringChange visible(FilteringChange change, String trustId, String schoolId, String id) {
        if (change == null || !change.trustId.equals(trustId) || !change.schoolId.equals(schoolId)) {
            throw ProblemException.notFound("No filtering change " + id);
        }
        return change;
    }

    private void record(FilteringChange change, String actor, String action) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("status", change.status);
        details.put("action", change.action);
        details.put("targetKind", change.targetKind);
        if (change.corrects != null) {
            details.put("corrects", change.corrects.toString());
        }
        audit.record(change.trustId, change.schoolId, actor, action, "filtering-change", change.id.toString(),
                "success", details);
    }
}
