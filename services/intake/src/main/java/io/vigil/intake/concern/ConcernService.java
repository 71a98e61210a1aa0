package io.vigil.intake.concern;

import static io.vigil.common.text.Strings.blankToNull;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.directory.Learner;
import io.vigil.intake.directory.StaffMember;
import io.vigil.intake.school.School;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records a concern a member of staff reports and publishes it to triage in the same transaction.
 * Staff report as themselves; an app reports on behalf of a named member of staff. A reporter can
 * read back only their own concerns, and every read is audited.
 */
@ApplicationScoped
public class ConcernService {

    static final String SOURCE = "/vigil/intake";
    /** Clocks differ; a concern "from the future" beyond this is a mistake. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

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

    /** The stored concern, and whether this request created it (false: the same idempotency key was seen). */
    public record Reported(ConcernView concern, boolean created) {
    }

    @Transactional
    public Reported report(ConcernRequest request, String idempotencyKey) {
        School school = School.findById(request.schoolId());
        if (school == null || !tenant.canSee(school.trustId, school.id)) {
            throw ProblemException.forbidden("You cannot report concerns for school '" + request.schoolId() + "'");
        }
        boolean app = identity.hasRole("app");
        String reportedBy = app ? request.onBehalfOf() : tenant.actor();
        PolicyCategory category = validate(request, app, reportedBy, school.id);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null) {
            Concern earlier = Concern.find("reportedBy = ?1 and idempotencyKey = ?2", reportedBy, key).firstResult();
            if (earlier != null) {
                return new Reported(ConcernView.of(earlier), false);
            }
        }
        Instant now = clock.instant();
        Concern concern = new Concern();
        concern.id = UUID.randomUUID().toString();
        concern.trustId = school.trustId;
        concern.schoolId = school.id;
        concern.reportedBy = reportedBy.strip();
        concern.submittedBy = app ? tenant.actor() : null;
        concern.idempotencyKey = key;
        concern.learnerId = blankToNull(request.learnerId());
        concern.learnerUnknown = request.isLearnerUnknown();
        concern.concernsStaffMember = request.isAboutStaffMember();
        concern.staffMemberId = blankToNull(request.staffMemberId());
        concern.category = category.slug();
        concern.account = request.account().strip();
        concern.location = blankToNull(request.location());
        concern.occurredAt = request.occurredAt();
        concern.receivedAt = now;
        concern.persist();

        ConcernReported event = new ConcernReported(concern.id, concern.trustId, concern.schoolId, concern.reportedBy,
                concern.submittedBy, concern.learnerId, concern.learnerUnknown, concern.concernsStaffMember,
                concern.staffMemberId, category, concern.account, concern.location, concern.occurredAt, now);
        outbox.publish(Topics.ALERTS, concern.schoolId, EventCodec.encoded(concern.id, SOURCE, event, concern.id,
                concern.trustId, concern.schoolId, concern.id, now));
        audit.record(concern.trustId, concern.schoolId, tenant.actor(), "concern.reported", "concern", concern.id,
                "success", app ? Map.of("onBehalfOf", concern.reportedBy) : Map.of());
        return new Reported(ConcernView.of(concern), true);
    }

    /** The caller's own concerns, newest first. */
    @Transactional
    public List<ConcernView> mine() {
        List<ConcernView> concerns = Concern.<Concern>list("reportedBy = ?1 and trustId = ?2 order by receivedAt desc",
                tenant.actor(), tenant.trustId()).stream().map(ConcernView::of).toList();
        audit.record(tenant.trustId(), null, tenant.actor(), "concern.listed-own", "reporter", tenant.actor(), "success",
                Map.of("count", Integer.toString(concerns.size())));
        return concerns;
    }

    /** One of the caller's own concerns; anyone else's is "not found". */
    @Transactional
    public ConcernView get(String id) {
        Concern concern = Concern.findById(id);
        if (concern == null || !concern.reportedBy.equals(tenant.actor()) || !concern.trustId.equals(tenant.trustId())) {
            throw ProblemException.notFound("No concern " + id + " of yours");
        }
        audit.record(concern.trustId, concern.schoolId, tenant.actor(), "concern.read", "concern", concern.id,
                "success", Map.of());
        return ConcernView.of(concern);
    }

    private PolicyCategory validate(ConcernRequest request, boolean app, String reportedBy, String schoolId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PolicyCategory category = null;
        try {
            category = PolicyCategory.fromSlug(request.category().strip());
            if (!category.reportable()) {
                errors.add(new Problem.FieldError("category", "assigned by Vigil, not chosen when reporting"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("category", "not one of Vigil's policy categories"));
        }
        if (app && (reportedBy == null || reportedBy.isBlank())) {
            errors.add(new Problem.FieldError("onBehalfOf", "an app must name the member of staff it reports for"));
        }
        if (!app && request.onBehalfOf() != null && !request.onBehalfOf().isBlank()
                && !request.onBehalfOf().strip().equals(reportedBy)) {
            errors.add(new Problem.FieldError("onBehalfOf", "only an app reports on behalf of someone"));
        }
        boolean learnerKnown = request.learnerId() != null && !request.learnerId().isBlank();
        if (learnerKnown && request.isLearnerUnknown()) {
            errors.add(new Problem.FieldError("learnerUnknown", "cannot be true when learnerId is given"));
        }
        if (!learnerKnown && !request.isLearnerUnknown() && !request.isAboutStaffMember()) {
            errors.add(new Problem.FieldError("learnerId",
                    "name the learner, or say the learner is unknown, or that the concern is about a member of staff"));
        }
        if (learnerKnown && Learner.count("id = ?1 and schoolId = ?2", request.learnerId().strip(), schoolId) == 0) {
            errors.add(new Problem.FieldError("learnerId", "not a learner of this school in the directory"));
        }
        boolean staffMemberKnown = request.staffMemberId() != null && !request.staffMemberId().isBlank();
        if (staffMemberKnown && !request.isAboutStaffMember()) {
            errors.add(new Problem.FieldError("concernsStaffMember", "must be true when staffMemberId is given"));
        }
        if (staffMemberKnown
                && StaffMember.count("id = ?1 and schoolId = ?2", request.staffMemberId().strip(), schoolId) == 0) {
            errors.add(new Problem.FieldError("staffMemberId", "not a member of staff of this school in the directory"));
        }
        if (request.occurredAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            errors.add(new Problem.FieldError("occurredAt", "is in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The concern is incomplete or inconsistent", errors);
        }
        return category;
    }

}
