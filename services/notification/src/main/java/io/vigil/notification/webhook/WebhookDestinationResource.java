package io.vigil.notification.webhook;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.notification.channel.WebhookChannel;
import io.vigil.notification.contact.SchoolDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A school's webhook destinations, for the head and the trust administrator: a Teams channel or a
 * trust's own endpoint that is also told when an incident opens or escalates at the school (never a
 * restricted or silenced one), from a minimum severity. Vigil generates each destination's signing
 * secret and shows it once, when the destination is added or its secret rotated; every change is
 * audited without the secret or the URL, which are credentials (only the host is shown).
 */
@Path("/api/v1/schools/{schoolId}/webhooks")
@Tag(name = "Webhook destinations", description = "Each request Vigil sends is signed: X-Vigil-Timestamp (Unix "
        + "seconds) and X-Vigil-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + \".\" + raw body)). A "
        + "receiver recomputes it with the destination's secret, compares in constant time, refuses a timestamp "
        + "more than 5 minutes from its clock, and drops a repeat by X-Vigil-Notification-Id.")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"head", "trust-admin"})
public class WebhookDestinationResource {

    static final String TRUST_ADMIN = "trust-admin";

    /** A new destination. {@code everySchool}: every school of the trust (trust administrators only). */
    public record NewWebhook(@NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "teams|generic", message = "teams or generic") String format,
            @NotBlank @Size(max = 2000) String url,
            @NotNull @Pattern(regexp = "low|medium|high|critical", message = "low, medium, high or critical")
            String minimumSeverity,
            Boolean everySchool) {
    }

    /** A destination as its managers see it: never the secret, and of the URL only the host. */
    public record WebhookView(String id, String schoolId, boolean everySchool, String name, String format,
            String host, String minimumSeverity, boolean enabled, String createdBy, Instant createdAt,
            String disabledBy, Instant disabledAt) {

        static WebhookView of(WebhookDestination d) {
            return new WebhookView(d.id.toString(), d.schoolId, d.schoolId == null, d.name, d.format, d.host(),
                    d.minimumSeverity, d.enabled, d.createdBy, d.createdAt, d.disabledBy, d.disabledAt);
        }
    }

    /** A destination with its signing secret: the only answer that ever holds the secret. */
    public record IssuedWebhook(WebhookView webhook, String signingSecret) {
    }

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(summary = "The school's webhook destinations and the trust's for every school, newest first, "
            + "without their secrets")
    public List<WebhookView> list(@PathParam("schoolId") String schoolId) {
        school(schoolId);
        return WebhookDestination.<WebhookDestination>list(
                "trustId = ?1 and (schoolId is null or schoolId = ?2) order by createdAt desc, id",
                tenant.trustId(), schoolId).stream().map(WebhookView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Add a webhook destination; the answer holds its signing secret, shown this once (audited)")
    @APIResponse(responseCode = "201", description = "Added; signingSecret is never shown again")
    @APIResponse(responseCode = "400", description = "A field is missing or not valid: the url must be https "
            + "(plain http only to this machine), format teams or generic, minimumSeverity low, medium, high or "
            + "critical; everySchool only for a trust administrator")
    @APIResponse(responseCode = "403", description = "Not the caller's school, or not a head or trust administrator")
    @APIResponse(responseCode = "404", description = "No such school in the caller's trust")
    public Response create(@PathParam("schoolId") String schoolId, @Valid @NotNull NewWebhook request) {
        school(schoolId);
        boolean everySchool = Boolean.TRUE.equals(request.everySchool());
        List<Problem.FieldError> errors = new ArrayList<>();
        URI url = parse(request.url().strip());
        if (url == null || !WebhookChannel.acceptable(url)) {
            errors.add(new Problem.FieldError("url", "an https URL (plain http only to this machine)"));
        }
        if (everySchool && !identity.hasRole(TRUST_ADMIN)) {
            errors.add(new Problem.FieldError("everySchool", "only a trust administrator adds a webhook for every school"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The webhook is not valid", errors);
        }
        WebhookDestination destination = new WebhookDestination();
        destination.id = UUID.randomUUID();
        destination.trustId = tenant.trustId();
        destination.schoolId = everySchool ? null : schoolId;
        destination.name = request.name().strip();
        destination.format = request.format();
        destination.url = url.toString();
        destination.signingSecret = WebhookDestination.newSecret();
        destination.minimumSeverity = request.minimumSeverity();
        destination.enabled = true;
        destination.createdBy = tenant.actor();
        destination.createdAt = clock.instant();
        destination.persist();
        record(destination, destination.createdBy, "webhook.created");
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedWebhook(WebhookView.of(destination), destination.signingSecret)).build();
    }

    @POST
    @Path("/{id}/disable")
    @Transactional
    @Operation(summary = "Stop posting to a webhook destination, at once and for good (audited)")
    @APIResponse(responseCode = "409", description = "Already disabled")
    public WebhookView disable(@PathParam("schoolId") String schoolId, @PathParam("id") String id) {
        WebhookDestination destination = changeable(schoolId, id);
        destination.enabled = false;
        destination.disabledBy = tenant.actor();
        destination.disabledAt = clock.instant();
        record(destination, destination.disabledBy, "webhook.disabled");
        return WebhookView.of(destination);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Transactional
    @Operation(summary = "Issue a new signing secret, shown this once; the previous one signs nothing from now on "
            + "(audited)")
    @APIResponse(responseCode = "409", description = "The destination is disabled")
    public IssuedWebhook rotateSecret(@PathParam("schoolId") String schoolId, @PathParam("id") String id) {
        WebhookDestination destination = changeable(schoolId, id);
        destination.signingSecret = WebhookDestination.newSecret();
        record(destination, tenant.actor(), "webhook.secret-rotated");
        return new IssuedWebhook(WebhookView.of(destination), destination.signingSecret);
    }

    /**
     * A school of the caller's trust that the caller belongs to: another trust's school, or one Vigil
     * does not know, is not found (404); another school of the trust is refused (403).
     */
    private SchoolDirectory school(String schoolId) {
        SchoolDirectory school = SchoolDirectory.findById(schoolId);
        if (school == null || !school.trustId.equals(tenant.trustId())) {
            throw ProblemException.notFound("No school " + schoolId);
        }
        tenant.requireSchool(schoolId);
        return school;
    }

    /** An enabled destination of the school (or of every school, for a trust administrator), locked for the change. */
    private WebhookDestination changeable(String schoolId, String id) {
        school(schoolId);
        WebhookDestination destination = WebhookDestination.findById(Ids.uuidOrNotFound(id, "webhook"),
                LockModeType.PESSIMISTIC_WRITE);
        if (destination == null || !destination.trustId.equals(tenant.trustId())
                || destination.schoolId != null && !destination.schoolId.equals(schoolId)) {
            throw ProblemException.notFound("No webhook " + id);
        }
        if (destination.schoolId == null && !identity.hasRole(TRUST_ADMIN)) {
            throw ProblemException.forbidden("Only a trust administrator changes a webhook of every school");
        }
        if (!destination.enabled) {
            throw ProblemException.conflict("Webhook " + id + " is disabled");
        }
        return destination;
    }

    private static URI parse(String url) {
        try {
            URI parsed = new URI(url);
            return parsed.isAbsolute() && parsed.getHost() != null ? parsed : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Who changed what and when; never the secret, and of the URL (itself a credential for Teams) only the host. */
    private void record(WebhookDestination destination, String actor, String action) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("school", destination.schoolId == null ? "every school" : destination.schoolId);
        details.put("name", destination.name);
        details.put("format", destination.format);
        details.put("host", destination.host());
        details.put("minimumSeverity", destination.minimumSeverity);
        details.put("enabled", Boolean.toString(destination.enabled));
        audit.record(destination.trustId, destination.schoolId, actor, action, "webhook", destination.id.toString(),
                "success", details);
    }
}
