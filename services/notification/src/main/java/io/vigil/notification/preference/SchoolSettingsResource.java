package io.vigil.notification.preference;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.contracts.incident.Severity;
import io.vigil.notification.contact.SchoolDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A school's notification settings: channels per severity, quiet hours, the low-severity digest,
 * and the telephone number and e-mail address parents and carers are given. The head and the trust
 * administrator change them (audited); the DSL reads them.
 */
@Path("/api/v1/schools/{schoolId}/notification-settings")
@Tag(name = "School notification settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "head", "trust-admin"})
public class SchoolSettingsResource {

    /** Quiet hours in the school's local time; they may run past midnight. */
    public record QuietHours(@NotNull LocalTime from, @NotNull LocalTime until) {
    }

    public record Settings(Map<String, List<String>> channels, @Valid QuietHours quietHours,
            @Pattern(regexp = "off|daily|weekly", message = "off, daily or weekly") String digest,
            @Size(max = 40) @Pattern(regexp = "[0-9 +()-]*", message = "a telephone number") String phone,
            @Size(max = 320) @Email String email) {
    }

    @Inject
    TenantScope tenant;

    @Inject
    SchoolChannels schoolChannels;

    @Inject
    EntityManager entityManager;

    @Inject
    AuditTrail audit;

    @GET
    @Transactional
    @Operation(summary = "The school's notification settings")
    public Settings get(@PathParam("schoolId") String schoolId) {
        return view(school(schoolId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({"head", "trust-admin"})
    @Operation(summary = "Change the school's notification settings (audited); fields left out stay as they are")
    public Settings put(@PathParam("schoolId") String schoolId, @Valid @NotNull Settings settings) {
        SchoolDirectory school = school(schoolId);
        Map<Severity, Set<String>> channels = new LinkedHashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (settings.channels() != null) {
            settings.channels().forEach((key, list) -> {
                Severity severity;
                try {
                    severity = Severity.fromWire(key.strip());
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("channels." + key, "not a severity (critical, high, medium, low)"));
                    return;
                }
                Set<String> set = ChannelPolicy.parse(String.join(",", list == null ? List.of() : list));
                if (set.isEmpty() || !ChannelPolicy.PERSONAL.containsAll(set)) {
                    errors.add(new Problem.FieldError("channels." + key, "one or more of " + ChannelPolicy.PERSONAL));
                    return;
                }
                channels.put(severity, set);
            });
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The settings are not valid", errors);
        }
        channels.forEach((severity, set) -> entityManager.createNativeQuery("insert into school_channel (school_id, "
                + "severity, channels) values (?1, ?2, ?3) on conflict (school_id, severity) do update set channels = ?3")
                .setParameter(1, schoolId).setParameter(2, severity.wireName()).setParameter(3, String.join(",", set))
                .executeUpdate());
        if (settings.quietHours() != null) {
            school.quietFrom = settings.quietHours().from();
            school.quietUntil = settings.quietHours().until();
        }
        if (settings.digest() != null) {
            school.digest = settings.digest();
        }
        if (settings.phone() != null) {
            school.phone = settings.phone().strip();
        }
        if (settings.email() != null) {
            school.email = settings.email().strip();
        }
        Settings now = view(school);
        Map<String, String> details = new LinkedHashMap<>();
        now.channels().forEach((severity, list) -> details.put("channels." + severity, String.join(",", list)));
        details.put("quietHours", now.quietHours() == null ? "none" : now.quietHours().from() + "-" + now.quietHours().until());
        details.put("digest", now.digest());
        audit.record(tenant.trustId(), schoolId, tenant.actor(), "notification-settings.changed", "school", schoolId,
                "success", details);
        return now;
    }

    private Settings view(SchoolDirectory school) {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            channels.put(severity.wireName(), List.copyOf(schoolChannels.of(school.id, severity)));
        }
        QuietHours quiet = school.quietFrom == null || school.quietUntil == null ? null
                : new QuietHours(school.quietFrom, school.quietUntil);
        return new Settings(channels, quiet, school.digest, school.phone, school.email);
    }

    /** The caller's own school of their trust; anything else is refused (403) or not found (404). */
    private SchoolDirectory school(String schoolId) {
        tenant.requireSchool(schoolId);
        SchoolDirectory school = SchoolDirectory.findById(schoolId);
        if (school == null || !school.trustId.equals(tenant.trustId())) {
            throw ProblemException.notFound("No school " + schoolId);
        }
        return school;
    }
}
