package io.vigil.common.tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The trust and schools the caller may see, read from the OIDC access token's {@code trust_id}
 * and {@code school_ids} claims. Every query of school data takes its school filter from here, so
 * a user can never widen it by asking for another school's id.
 */
@RequestScoped
public class TenantScope {

    public static final String TRUST_CLAIM = "trust_id";
    public static final String SCHOOLS_CLAIM = "school_ids";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    /** The caller's trust; a token without one sees nothing. */
    public String trustId() {
        Object trust = token.getClaim(TRUST_CLAIM);
        if (trust == null || trust.toString().isBlank()) {
            throw ProblemException.forbidden("The token carries no trust scope");
        }
        return unquote(trust.toString());
    }

    /** The schools the caller belongs to; never empty. */
    public Set<String> schoolIds() {
        Object claim = token.getClaim(SCHOOLS_CLAIM);
        Set<String> schools = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> schools.add(unquote(v.toString())));
        } else if (claim != null) {
            schools.add(unquote(claim.toString()));
        }
        schools.removeIf(String::isBlank);
        if (schools.isEmpty()) {
            throw ProblemException.forbidden("The token carries no school scope");
        }
        return schools;
    }

    /**
     * The schools a query may read: the requested one if the caller belongs to it (403 otherwise),
     * else all of the caller's schools.
     */
    public Set<String> visibleSchools(String requestedSchoolId) {
        Set<String> mine = schoolIds();
        if (requestedSchoolId == null || requestedSchoolId.isBlank()) {
            return mine;
        }
        requireSchool(requestedSchoolId);
        return Set.of(requestedSchoolId);
    }

    /** Refuses (403) when the caller does not belong to {@code schoolId}. */
    public void requireSchool(String schoolId) {
        if (!schoolIds().contains(schoolId)) {
            throw ProblemException.forbidden("You do not have access to school '" + schoolId + "'");
        }
    }

    /** Whether the caller may see a record of this trust and school. */
    public boolean canSee(String recordTrustId, String recordSchoolId) {
        return trustId().equals(recordTrustId) && schoolIds().contains(recordSchoolId);
    }

    /** A stable id of the caller for audit records (the token subject, or the client id). */
    public String actor() {
        String subject = token.getSubject();
        Object name = token.getClaim("preferred_username");
        if (name != null) {
            return unquote(name.toString());
        }
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    private static String unquote(String value) {
        // JSON-P string values print with their quotes.
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
