package io.vigil.intake.registry;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.intake.appliance.ApiKeys;
import io.vigil.intake.appliance.Appliance;
import io.vigil.intake.appliance.SyslogSource;
import io.vigil.intake.syslog.Cidr;
import io.vigil.intake.school.School;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Registers appliances and manages their keys for a trust administrator, within the schools of
 * the administrator's token. Every change is audited with the actor; keys are returned once.
 */
@ApplicationScoped
public class ApplianceRegistry {

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Transactional
    public IssuedKey register(ApplianceRegistration registration) {
        School school = schoolInScope(registration.schoolId());
        Instant now = clock.instant();
        String apiKey = ApiKeys.generate();
        Appliance appliance = new Appliance();
        appliance.id = UUID.randomUUID().toString();
        appliance.schoolId = school.id;
        appliance.vendor = registration.vendor();
        appliance.kind = registration.kind();
        appliance.name = registration.name().strip();
        appliance.expectedHeartbeatSeconds = registration.expectedHeartbeatMinutes() * 60;
        appliance.keyHash = ApiKeys.hash(apiKey);
        appliance.keyPrefix = ApiKeys.displayPrefix(apiKey);
        appliance.keyIssuedAt = now;
        appliance.createdAt = now;
        appliance.persist();
        record(appliance, "appliance.registered", Map.of("vendor", appliance.vendor, "kind", appliance.kind));
        return new IssuedKey(ApplianceView.of(appliance), apiKey);
    }

    @Transactional
    public List<ApplianceView> list(String schoolId) {
        return Appliance.listOfSchools(School.idsInTrust(tenant.visibleSchools(schoolId), tenant.trustId())).stream()
                .map(ApplianceView::of).toList();
    }

    @Transactional
    public ApplianceView get(String id) {
        return ApplianceView.of(applianceInScope(id));
    }

    /** Replaces the key at once: the old key stops working in the same transaction. */
    @Transactional
    public IssuedKey rotateKey(String id) {
        Appliance appliance = applianceInScope(id);
        String apiKey = ApiKeys.generate();
        appliance.keyHash = ApiKeys.hash(apiKey);
        appliance.keyPrefix = ApiKeys.displayPrefix(apiKey);
        appliance.keyIssuedAt = clock.instant();
        appliance.revokedAt = null;
        record(appliance, "appliance.key-rotated", Map.of("keyPrefix", appliance.keyPrefix));
        return new IssuedKey(ApplianceView.of(appliance), apiKey);
    }

    /** Issues (or replaces) the appliance's signing secret: unsigned requests are refused from now on. */
    @Transactional
    public IssuedSigningSecret issueSigningSecret(String id) {
        Appliance appliance = applianceInScope(id);
        String secret = ApiKeys.generateSigningSecret();
        appliance.signingSecret = secret;
        record(appliance, "appliance.signing-secret-issued", Map.of());
        return new IssuedSigningSecret(ApplianceView.of(appliance), secret);
    }

    @Transactional
    public ApplianceView removeSigningSecret(String id) {
        Appliance appliance = applianceInScope(id);
        if (appliance.signingSecret != null) {
            appliance.signingSecret = null;
            record(appliance, "appliance.signing-secret-removed", Map.of());
        }
        return ApplianceView.of(appliance);
    }

    /** Replaces the addresses the appliance may send syslog from. */
    @Transactional
    public SyslogSourceList replaceSyslogSources(String id, SyslogSourceList requested) {
        Appliance appliance = applianceInScope(id);
        List<String> blocks = new java.util.ArrayList<>();
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < requested.sources().size(); i++) {
            try {
                blocks.add(Cidr.parse(requested.sources().get(i)).text());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("sources[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Not addresses or CIDR blocks", errors);
        }
        SyslogSource.delete("key.applianceId", appliance.id);
        SyslogSource.getEntityManager().flush();
        for (String block : new java.util.LinkedHashSet<>(blocks)) {
            SyslogSource source = new SyslogSource();
            source.key = new SyslogSource.Key(appliance.id, block);
            source.tlsSubject = requested.tlsSubject() == null || requested.tlsSubject().isBlank() ? null
                    : requested.tlsSubject().strip();
            source.persist();
        }
        record(appliance, "appliance.syslog-sources-changed", Map.of("sources", String.join(" ", blocks),
                "tlsSubject", requested.tlsSubject() == null ? "" : requested.tlsSubject()));
        return syslogSources(appliance);
    }

    @Transactional
    public SyslogSourceList syslogSources(String id) {
        return syslogSources(applianceInScope(id));
    }

    private static SyslogSourceList syslogSources(Appliance appliance) {
        List<SyslogSource> sources = SyslogSource.list("key.applianceId = ?1 order by key.cidr", appliance.id);
        return new SyslogSourceList(sources.stream().map(source -> source.key.cidr).toList(),
                sources.stream().map(source -> source.tlsSubject).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null));
    }

    /** The appliance a trust administrator uploads a report export for: in scope and not revoked. */
    @Transactional
    public io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance activeInScope(String id) {
        Appliance appliance = applianceInScope(id);
        if (appliance.revokedAt != null) {
            throw ProblemException.badRequest("Appliance " + id + " has been revoked",
                    List.of(new Problem.FieldError("id", "revoked")));
        }
        return io.vigil.intake.appliance.ApplianceAuthenticator.of(appliance);
    }

    @Transactional
    public ApplianceView revoke(String id) {
        Appliance appliance = applianceInScope(id);
        if (appliance.revokedAt == null) {
            appliance.revokedAt = clock.instant();
            record(appliance, "appliance.revoked", Map.of("keyPrefix", appliance.keyPrefix));
        }
        return ApplianceView.of(appliance);
    }

    private School schoolInScope(String schoolId) {
        School school = School.findById(schoolId);
        if (school == null) {
            throw ProblemException.badRequest("Unknown school: " + schoolId,
                    List.of(new Problem.FieldError("schoolId", "no such school")));
        }
        if (!tenant.canSee(school.trustId, school.id)) {
            throw ProblemException.forbidden("You do not administer school '" + schoolId + "'");
        }
        return school;
    }

    private Appliance applianceInScope(String id) {
        Appliance appliance = Appliance.findById(id);
        if (appliance == null) {
            throw ProblemException.notFound("No appliance " + id);
        }
        School school = School.findById(appliance.schoolId);
        if (!tenant.canSee(school.trustId, school.id)) {
            throw ProblemException.notFound("No appliance " + id);
        }
        return appliance;
    }

    private void record(Appliance appliance, String action, Map<String, String> details) {
        School school = School.findById(appliance.schoolId);
        audit.record(school.trustId, school.id, tenant.actor(), action, "appliance", appliance.id, "success", details);
    }
}
