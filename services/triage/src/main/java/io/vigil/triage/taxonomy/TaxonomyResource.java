package io.vigil.triage.taxonomy;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.contracts.taxonomy.PolicyCategory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The trust administrator's view of the taxonomy: vendor categories no mapping knows, and the
 * trust's and schools' own mappings, each change a new version recorded with who, when and why.
 */
@Path("/api/v1/taxonomy")
@Tag(name = "Taxonomy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("trust-admin")
public class TaxonomyResource {

    /** A vendor category seen in alerts that no mapping knows. */
    public record Unmapped(String schoolId, String vendor, String vendorCategory, Instant firstSeenAt,
            Instant lastSeenAt, int alertCount) {
    }

    /** A request to map a vendor category for the trust (no school) or one school. */
    public record OverrideRequest(@Size(max = 64) String schoolId, @NotBlank @Size(max = 50) String vendor,
            @NotBlank @Size(max = 200) String vendorCategory, @NotBlank String policyCategory,
            @NotBlank @Size(max = 1000) String reason) {
    }

    /** One version of a mapping. */
    public record OverrideView(long id, String schoolId, String vendor, String vendorCategory, String policyCategory,
            int version, String changedBy, Instant changedAt, String reason) {

        static OverrideView of(CategoryOverride o) {
            return new OverrideView(o.id, o.schoolId, o.vendor, o.vendorCategory, o.policyCategory, o.version,
                    o.changedBy, o.changedAt, o.reason);
        }
    }

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    CategoryOverrides overrides;

    @GET
    @Path("/unmapped")
    @Transactional
    @Operation(summary = "Vendor categories seen in alerts of the trust's schools that no mapping knows")
    public List<Unmapped> unmapped(@QueryParam("schoolId") String schoolId) {
        List<String> schools = List.copyOf(tenant.visibleSchools(schoolId));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select school_id, vendor, vendor_category, first_seen_at, "
                + "last_seen_at, alert_count from unmapped_category where trust_id = ?1 and school_id in (?2) "
                + "order by alert_count desc, vendor_category").setParameter(1, tenant.trustId())
                .setParameter(2, schools).getResultList();
        return rows.stream().map(r -> new Unmapped((String) r[0], (String) r[1], (String) r[2], instant(r[3]),
                instant(r[4]), ((Number) r[5]).intValue())).toList();
    }

    @GET
    @Path("/overrides")
    @Transactional
    @Operation(summary = "Every version of the trust's and its schools' own mappings, newest first")
    public List<OverrideView> overrides() {
        return CategoryOverride.<CategoryOverride>list("trustId = ?1 order by changedAt desc, id desc", tenant.trustId())
                .stream().filter(o -> o.schoolId == null || tenant.schoolIds().contains(o.schoolId))
                .map(OverrideView::of).toList();
    }

    @POST
    @Path("/overrides")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Map a vendor category for the trust or one school (a new version; the reason is kept)")
    public Response override(@Valid @NotNull OverrideRequest request) {
        PolicyCategory category;
        try {
            category = PolicyCategory.fromSlug(request.policyCategory().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Not a policy category: " + request.policyCategory(),
                    List.of(new Problem.FieldError("policyCategory", "not one of Vigil's policy categories")));
        }
        String schoolId = request.schoolId() == null || request.schoolId().isBlank() ? null : request.schoolId().strip();
        if (schoolId != null) {
            tenant.requireSchool(schoolId);
        }
        String vendor = request.vendor().strip().toLowerCase(Locale.ROOT);
        String name = Taxonomy.normalise(request.vendorCategory());
        CategoryOverride previous = CategoryOverride.find("trustId = ?1 and vendor = ?2 and vendorCategory = ?3 and "
                + (schoolId == null ? "schoolId is null" : "schoolId = ?4") + " order by version desc",
                schoolId == null ? new Object[] {tenant.trustId(), vendor, name}
                        : new Object[] {tenant.trustId(), vendor, name, schoolId}).firstResult();
        CategoryOverride created = new CategoryOverride();
        created.trustId = tenant.trustId();
        created.schoolId = schoolId;
        created.vendor = vendor;
        created.vendorCategory = name;
        created.policyCategory = category.slug();
        created.version = previous == null ? 1 : previous.version + 1;
        created.changedBy = tenant.actor();
        created.changedAt = clock.instant();
        created.reason = request.reason().strip();
        created.persist();
        overrides.changed(created.trustId);
        audit.record(created.trustId, schoolId, created.changedBy, "taxonomy.mapping-changed", "category-mapping",
                vendor + ":" + name, "success", Map.of("policyCategory", created.policyCategory,
                        "version", Integer.toString(created.version), "reason", created.reason,
                        "previous", previous == null ? "shipped table" : previous.policyCategory));
        return Response.status(201).entity(OverrideView.of(created)).build();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
