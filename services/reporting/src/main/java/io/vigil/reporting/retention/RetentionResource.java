package io.vigil.reporting.retention;

import io.quarkus.panache.common.Parameters;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.common.text.Strings;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.Referral;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.reporting.retention.RetentionViews.DisposalView;
import io.vigil.reporting.retention.RetentionViews.HoldView;
import io.vigil.reporting.retention.RetentionViews.ReviewItem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Retention of child-protection records (IRMS toolkit; see {@link Retention}): the review list, legal
 * holds and disposal after review, for the trust safeguarding lead (the trust's schools) and the head
 * (their own school). Every listing, hold, release and disposal is audited.
 */
@Path("/api/v1/retention")
@Tag(name = "Retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"head", "trust-safeguarding-lead"})
public class RetentionResource {

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    RecordScope scope;

    @Inject
    RetentionPolicy policy;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @GET
    @Path("/review")
    @Transactional
    @Operation(summary = "Records due for review on asOf (default today): past their retention date, or whose "
            + "learner's date of birth is unknown; oldest retention date first")
    public List<ReviewItem> review(@QueryParam("asOf") String asOf, @QueryParam("schoolId") String schoolId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        LocalDate day = RetentionRequests.asOf(asOf, policy.today());
        String school = Strings.blankToNull(schoolId);
        String trustId = tenant.trustId();
        Set<String> schools = listedSchools(school, "retention.reviewed", "retention-review");
        Map<String, Object> parameters = new HashMap<>();
        Query ofPage = entityManager.createNativeQuery(ReviewQuery.pageOfIncidentIds(identity.getRoles(),
                parameters, trustId, schools, day, policy.zone(), page, size), String.class);
        parameters.forEach(ofPage::setParameter);
        @SuppressWarnings("unchecked")
        List<String> incidentIds = ofPage.getResultList();
        Map<String, Object[]> rows = new HashMap<>();
        if (!incidentIds.isEmpty()) {
            entityManager.createQuery("select e, p from RegisterEntry e left join DirectoryPerson p"
                    + " on p.personId = e.personId and p.trustId = e.trustId"
                    + " where e.trustId = :trustId and e.incidentId in :ids", Object[].class)
                    .setParameter("trustId", trustId).setParameter("ids", incidentIds).getResultList()
                    .forEach(row -> rows.put(((RegisterEntry) row[0]).incidentId, row));
        }
        Set<String> heldIncidents = activeHolds(trustId, true);
        Set<String> heldPeople = activeHolds(trustId, false);
        List<ReviewItem> items = incidentIds.stream().map(rows::get).map(row -> {
            RegisterEntry entry = (RegisterEntry) row[0];
            DirectoryPerson person = (DirectoryPerson) row[1];
            boolean held = heldIncidents.contains(entry.incidentId)
                    || (entry.personId != null && heldPeople.contains(entry.personId));
            return ReviewItem.of(entry, person, policy.of(entry, person), day, held);
        }).toList();
        auditListing("retention.reviewed", "retention-review", school, schools, Map.of("asOf", day.toString(),
                "count", Integer.toString(items.size()),
                "due", Long.toString(items.stream().filter(ReviewItem::dueForReview).count())));
        return items;
    }

    @GET
    @Path("/holds")
    @Transactional
    @Operation(summary = "Legal holds of the caller's schools, newest first: those in force, or with released=true "
            + "those released; a hold on an incident only where the caller's roles may see the incident")
    public List<HoldView> holds(@QueryParam("schoolId") String schoolId, @QueryParam("released") String released,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        boolean releasedOnes = RetentionRequests.released(released);
        String school = Strings.blankToNull(schoolId);
        Set<String> schools = listedSchools(school, "retention.holds-listed", "retention-hold");
        Map<String, Object> parameters = new HashMap<>(Map.of("trustId", tenant.trustId(), "schoolIds", schools,
                "allegation", Retention.STAFF_ALLEGATION));
        // A disposed incident has no register row left to say who may see it: its disposal keeps whether
        // it was restricted and whom it was routed to. A disposal recorded before it kept them has only
        // its basis, and a concern about a member of staff's hold then stays hidden from everyone.
        TypedQuery<RetentionHold> query = entityManager.createQuery("select h from RetentionHold h "
                + "left join RegisterEntry e on e.incidentId = h.incidentId and e.trustId = h.trustId "
                + "left join RetentionDisposal d on d.incidentId = h.incidentId and d.trustId = h.trustId "
                + "where h.trustId = :trustId and h.schoolId in :schoolIds and h.releasedAt is "
                + (releasedOnes ? "not null" : "null")
                + " and (h.incidentId is null"
                + " or (e.incidentId is not null and " + RegisterEntry.visibleTo("e", identity.getRoles(), parameters)
                + ") or (e.incidentId is null and d.restricted is null and d.basis <> :allegation)"
                + " or (e.incidentId is null and d.restricted is not null and "
                + RegisterEntry.visibleTo("d", identity.getRoles(), parameters) + "))"
                + " order by h.placedAt desc, h.id", RetentionHold.class);
        parameters.forEach(query::setParameter);
        List<HoldView> holds = query.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(HoldView::of).toList();
        auditListing("retention.holds-listed", "retention-hold", school, schools, Map.of(
                "released", Boolean.toString(releasedOnes), "count", Integer.toString(holds.size())));
        return holds;
    }

    @POST
    @Path("/holds")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Place a legal hold on an incident, or on every incident about a person, with a reason")
    public Response placeHold(RetentionRequests.Hold request) {
        RetentionRequests.Hold hold = RetentionRequests.check(request);
        String schoolId;
        if (hold.incidentId() != null) {
            schoolId = lockedIncident(hold.incidentId(), "retention.hold-placed").schoolId;
        } else {
            schoolId = scope.person(hold.personId(), "retention.hold-placed").schoolId();
        }
        RetentionHold placed = new RetentionHold();
        placed.id = UUID.randomUUID();
        placed.trustId = tenant.trustId();
        placed.schoolId = schoolId;
        placed.incidentId = hold.incidentId();
        placed.personId = hold.personId();
        placed.reason = hold.reason();
        placed.placedBy = tenant.actor();
        placed.placedAt = clock.instant();
        placed.persist();
        audit.record(placed.trustId, schoolId, placed.placedBy, "retention.hold-placed", "retention-hold",
                placed.id.toString(), "success", target(placed));
        return Response.status(Response.Status.CREATED).entity(HoldView.of(placed)).build();
    }

    @DELETE
    @Path("/holds/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Release a legal hold, with a reason (the hold stays on record, released)")
    public HoldView releaseHold(@PathParam("id") String id, RetentionRequests.Release request) {
        String reason = RetentionRequests.check(request);
        UUID holdId = Ids.uuidOrNotFound(id, "hold");
        RetentionHold hold = RetentionHold.findById(holdId, LockModeType.PESSIMISTIC_WRITE);
        if (hold == null || !hold.trustId.equals(tenant.trustId())) {
            throw ProblemException.notFound("No hold " + id);
        }
        if (!tenant.schoolIds().contains(hold.schoolId)) {
            throw scope.denied("retention.hold-released", "retention-hold", id,
                    ProblemException.forbidden("You do not have access to school '" + hold.schoolId + "'"));
        }
        if (hold.releasedAt != null) {
            throw ProblemException.conflict("The hold was already released at " + hold.releasedAt);
        }
        hold.releasedBy = tenant.actor();
        hold.releasedAt = clock.instant();
        hold.releaseReason = reason;
        audit.record(hold.trustId, hold.schoolId, hold.releasedBy, "retention.hold-released", "retention-hold",
                hold.id.toString(), "success", target(hold));
        return HoldView.of(hold);
    }

    @POST
    @Path("/disposals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Dispose of a due incident's records after review: its register row, referrals and "
            + "notification outcomes; refused (409) while it is held or not yet due. The audit trail is kept.")
    public Response dispose(RetentionRequests.Disposal request) {
        RetentionRequests.Disposal disposal = RetentionRequests.check(request);
        RegisterEntry entry = lockedIncident(disposal.incidentId(), "retention.disposed");
        Retention retention = policy.of(entry);
        LocalDate today = policy.today();
        if (!retention.dueOn(today)) {
            throw scope.denied("retention.disposed", "incident", entry.incidentId, ProblemException.conflict(
                    retention.retainUntil() == null
                            ? "The incident is kept: " + retention.basis().replace('-', ' ')
                            : "The incident is kept until " + retention.retainUntil() + " ("
                                    + retention.basis() + ")"));
        }
        if (RetentionHold.holds(entry.trustId, entry.incidentId, entry.personId)) {
            throw scope.denied("retention.disposed", "incident", entry.incidentId,
                    ProblemException.conflict("A legal hold is in force on the incident or its person"));
        }
        int referrals = (int) Referral.delete("incidentId", entry.incidentId);
        int notifications = (int) NotificationOutcome.delete("incidentId", entry.incidentId);
        RetentionDisposal disposed = new RetentionDisposal();
        disposed.incidentId = entry.incidentId;
        disposed.trustId = entry.trustId;
        disposed.schoolId = entry.schoolId;
        disposed.basis = retention.basis();
        disposed.retainUntil = retention.retainUntil();
        disposed.reason = disposal.reason();
        disposed.disposedBy = tenant.actor();
        disposed.disposedAt = clock.instant();
        disposed.restricted = entry.restricted;
        disposed.routedRoles = entry.routedRoles;
        entry.delete();
        disposed.persist();
        audit.record(entry.trustId, entry.schoolId, disposed.disposedBy, "retention.disposed", "incident",
                entry.incidentId, "success", Map.of("basis", retention.basis(),
                        "retainUntil", retention.retainUntil().toString(), "referrals", Integer.toString(referrals),
                        "notificationOutcomes", Integer.toString(notifications)));
        return Response.status(Response.Status.CREATED).entity(new DisposalView(entry.incidentId, entry.schoolId,
                retention.basis(), retention.retainUntil(), referrals, notifications, disposed.disposedBy,
                disposed.disposedAt)).build();
    }

    /** The incident the caller may act on, locked so that a hold and a disposal cannot pass each other. */
    private RegisterEntry lockedIncident(String incidentId, String action) {
        RegisterEntry entry = scope.incident(incidentId, action);
        entityManager.lock(entry, LockModeType.PESSIMISTIC_WRITE);
        return entry;
    }

    /** The schools a listing covers: the one asked for, else all the caller's; another school is refused, audited. */
    private Set<String> listedSchools(String school, String action, String resourceType) {
        try {
            return tenant.visibleSchools(school);
        } catch (ProblemException refused) {
            throw scope.denied(action, resourceType, school, refused);
        }
    }

    /** Audits a listing: a head's is a record of their one school; the trust lead's of the trust, unless narrowed. */
    private void auditListing(String action, String resourceType, String school, Set<String> schools,
            Map<String, String> details) {
        audit.record(tenant.trustId(), schools.size() == 1 ? schools.iterator().next() : null, tenant.actor(),
                action, resourceType, school == null ? "*" : school, "success", details);
    }

    private static Set<String> activeHolds(String trustId, boolean incidents) {
        String column = incidents ? "incidentId" : "personId";
        return RetentionHold.<RetentionHold>list("trustId = :trust and releasedAt is null and " + column
                + " is not null", Parameters.with("trust", trustId)).stream()
                .map(hold -> incidents ? hold.incidentId : hold.personId).collect(Collectors.toSet());
    }

    private static Map<String, String> target(RetentionHold hold) {
        return hold.incidentId != null ? Map.of("incidentId", hold.incidentId) : Map.of("personId", hold.personId);
    }
}
