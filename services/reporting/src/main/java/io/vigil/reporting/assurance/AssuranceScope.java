package io.vigil.reporting.assurance;

import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The school a request of the assurance register is about. The head and DSL reach their own school,
 * the trust administrator every school of the trust (all in the token's {@code school_ids}); any
 * other school, of this trust or another, does not exist for the caller (404).
 */
@RequestScoped
public class AssuranceScope {

    @Inject
    TenantScope tenant;

    /** The caller's trust. */
    public String trustId() {
        return tenant.trustId();
    }

    /** The caller, as audit records and the register name them. */
    public String actor() {
        return tenant.actor();
    }

    /** {@code schoolId} when the caller may see it, else 404. */
    public String school(String schoolId) {
        if (schoolId == null || !tenant.schoolIds().contains(schoolId)) {
            throw ProblemException.notFound("No school " + schoolId);
        }
        return schoolId;
    }
}
