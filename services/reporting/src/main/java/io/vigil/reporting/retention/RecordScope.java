package io.vigil.reporting.retention;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.reporting.register.RegisterEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the caller may act on in retention and subject access: an incident of their trust and schools that
 * their roles may see, or a person of their trust with a record at one of their schools. Another trust's
 * record, and a restricted one the caller's roles may not see, are answered as unknown (404); a record of
 * another school of the trust is refused (403), and the refusal audited.
 */
@ApplicationScoped
public class RecordScope {

    /** Longest id a request may name (the register's and directory's column width). */
    public static final int MAX_ID_LENGTH = 64;

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    /**
     * A person as the caller may see them.
     *
     * @param personId the directory id
     * @param person the directory copy, null when reporting has none (only register rows name the id)
     * @param schoolId the school they are on roll at, else the school of their newest visible incident
     */
    public record Subject(String personId, DirectoryPerson person, String schoolId) {
    }

    /** The register row of {@code incidentId} the caller may act on ({@code action} names it in a refusal). */
    public RegisterEntry incident(String incidentId, String action) {
        String trustId = tenant.trustId();
        RegisterEntry entry = incidentId == null || incidentId.length() > MAX_ID_LENGTH ? null
                : RegisterEntry.findById(incidentId);
        if (entry == null || !entry.trustId.equals(trustId) || !entry.visibleTo(identity.getRoles())) {
            throw ProblemException.notFound("No incident " + incidentId);
        }
        if (!tenant.schoolIds().contains(entry.schoolId)) {
            throw denied(action, "incident", incidentId,
                    ProblemException.forbidden("You do not have access to school '" + entry.schoolId + "'"));
        }
        return entry;
    }

    /** The person {@code personId} as the caller may see them ({@code action} names it in a refusal). */
    public Subject person(String personId, String action) {
        String trustId = tenant.trustId();
        if (personId == null || personId.isBlank() || personId.length() > MAX_ID_LENGTH) {
            throw ProblemException.notFound("No person " + personId);
        }
        DirectoryPerson person = DirectoryPerson.inTrust(trustId, personId);
        Set<String> schools = new LinkedHashSet<>();
        if (person != null) {
            schools.add(person.schoolId);
        }
        RegisterEntry.<RegisterEntry>list("trustId = ?1 and personId = ?2 order by openedAt desc", trustId, personId)
                .stream().filter(entry -> entry.visibleTo(identity.getRoles()))
                .forEach(entry -> schools.add(entry.schoolId));
        if (schools.isEmpty()) {
            throw ProblemException.notFound("No person " + personId);
        }
        if (schools.stream().noneMatch(tenant.schoolIds()::contains)) {
            throw denied(action, "person", personId,
                    ProblemException.forbidden("You do not have access to this person's school"));
        }
        return new Subject(personId, person, schools.iterator().next());
    }

    /** Records a refusal in a transaction of its own (the request's rolls back) and gives it back to throw. */
    public ProblemException denied(String action, String resourceType, String resourceId, ProblemException refusal) {
        audit.recordDenied(tenant.trustId(), tenant.actor(), action, resourceType, resourceId,
                refusal.problem().status());
        return refusal;
    }
}
