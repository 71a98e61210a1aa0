package io.vigil.notification.preference;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.contracts.incident.Severity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A member of staff's own notification channels per severity (self-service): whoever signs in
 * changes only their own, found by the e-mail address in their token. A critical incident still
 * reaches them by every channel their school uses, whatever they choose.
 */
@Path("/api/v1/preferences/me")
@Tag(name = "Preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"staff", "dsl", "deputy-dsl", "head", "governor", "trust-safeguarding-lead"})
public class PreferenceResource {

    @Inject
    TenantScope tenant;

    @Inject
    JsonWebToken token;

    @Inject
    SchoolChannels schoolChannels;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(summary = "My channels per severity (mine where I chose, else my school's)")
    public Map<String, Object> mine() {
        String email = email();
        Map<String, Object> view = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            Set<String> own = StaffPreference.of(tenant.trustId(), email, severity.wireName()).orElse(null);
            view.put(severity.wireName(), Map.of("channels", own != null ? own : schoolChannels.defaults(severity),
                    "chosen", own != null));
        }
        return view;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Choose my channels for some or all severities (email, sms); an empty list clears my choice")
    public Map<String, Object> choose(@NotNull Map<String, List<String>> choice) {
        String email = email();
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<Severity, Set<String>> parsed = new LinkedHashMap<>();
        choice.forEach((key, channels) -> {
            Severity severity = severityOf(key);
            if (severity == null) {
                errors.add(new Problem.FieldError(key, "not a severity (critical, high, medium, low)"));
                return;
            }
            Set<String> set = ChannelPolicy.parse(String.join(",", channels == null ? List.of() : channels));
            if (!ChannelPolicy.PERSONAL.containsAll(set)) {
                errors.add(new Problem.FieldError(key, "channels are " + ChannelPolicy.PERSONAL));
                return;
            }
            parsed.put(severity, set);
        });
        if (!errors.isEmpty() || parsed.isEmpty()) {
            throw ProblemException.badRequest("The preferences are not valid", errors.isEmpty()
                    ? List.of(new Problem.FieldError("critical", "give channels for at least one severity")) : errors);
        }
        parsed.forEach((severity, channels) -> {
            StaffPreference.delete("trustId = ?1 and email = ?2 and severity = ?3", tenant.trustId(), email,
                    severity.wireName());
            if (!channels.isEmpty()) {
                StaffPreference preference = new StaffPreference();
                preference.trustId = tenant.trustId();
                preference.email = email;
                preference.severity = severity.wireName();
                preference.channels = String.join(",", channels);
                preference.updatedAt = clock.instant();
                preference.persist();
            }
        });
        StaffPreference.flush();
        Map<String, String> details = new LinkedHashMap<>();
        parsed.forEach((severity, channels) -> details.put(severity.wireName(),
                channels.isEmpty() ? "school default" : String.join(",", channels)));
        audit.record(tenant.trustId(), null, tenant.actor(), "preferences.changed", "staff-preference", email,
                "success", details);
        return mine();
    }

    private static Severity severityOf(String key) {
        try {
            return Severity.fromWire(key.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The caller's e-mail address from the token; without one there is nobody to set preferences for. */
    private String email() {
        Object email = token.getClaim("email");
        if (email == null || email.toString().isBlank()) {
            throw ProblemException.forbidden("The token carries no e-mail address");
        }
        return email.toString().replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }
}
