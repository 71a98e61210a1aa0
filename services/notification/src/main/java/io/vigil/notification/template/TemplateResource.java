package io.vigil.notification.template;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The trust administrator's message wording: what each message says in each language, every
 * version with who changed it, when and why, new versions checked before they are stored, and
 * previews with typical or given values.
 */
@Path("/api/v1/templates")
@Tag(name = "Message templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("trust-admin")
public class TemplateResource {

    /** A variable a key's wording may use. */
    public record VariableView(String name, String kind, boolean optional) {
    }

    /** The wording used now for one (key, language). */
    public record CurrentView(String key, String audience, String language, int version, String source,
            String templateRef, List<VariableView> variables) {
    }

    /** One version of the wording of a (key, language). */
    public record VersionView(String templateRef, String key, String language, int version, String source,
            String subject, String body, String sms, String changedBy, Instant changedAt, String reason) {

        static VersionView of(TemplateVersion v) {
            return new VersionView(v.ref(), v.key().key(), v.language(), v.version(), v.source(), v.text().subject(),
                    v.text().body(), v.text().sms(), v.changedBy(), v.changedAt(), v.reason());
        }
    }

    /** A new version of the wording; the reason is kept with it. */
    public record NewVersion(@NotBlank @Size(max = 1000) String subject, @NotBlank @Size(max = 20_000) String body,
            @NotBlank @Size(max = 2000) String sms, @NotBlank @Size(max = 1000) String reason) {
    }

    /**
     * A preview of (key, language): the wording used now, or a draft when subject, body and sms are
     * given; typical values unless {@code data} gives others.
     */
    public record PreviewRequest(@NotBlank @Size(max = 60) String key, @Size(max = 35) String language,
            @Size(max = 1000) String subject, @Size(max = 20_000) String body, @Size(max = 2000) String sms,
            @Size(max = 50) Map<String, Object> data) {
    }

    @Inject
    TenantScope tenant;

    @Inject
    MessageTemplates templates;

    @GET
    @Operation(summary = "Every message and language with the version used now, shipped or the trust's own")
    public List<CurrentView> current() {
        String trustId = tenant.trustId();
        List<CurrentView> views = new ArrayList<>();
        for (TemplateKey key : TemplateKey.values()) {
            List<VariableView> variables = key.variables().stream()
                    .map(v -> new VariableView(v.name(), v.kind().name().toLowerCase(), v.optional())).toList();
            for (String language : templates.languages(trustId, key)) {
                templates.current(trustId, key, language).ifPresent(v -> views.add(new CurrentView(key.key(),
                        key.audience().name().toLowerCase(), language, v.version(), v.source(), v.ref(), variables)));
            }
        }
        return views;
    }

    @GET
    @Path("/{key}/{language}/versions")
    @Operation(summary = "Every version of one message in one language, newest first, the shipped one last")
    public List<VersionView> versions(@PathParam("key") String key, @PathParam("language") String language) {
        List<TemplateVersion> versions = templates.versions(tenant.trustId(), knownKey(key), language(language));
        if (versions.isEmpty()) {
            throw ProblemException.notFound("There is no wording of " + key + " in " + language(language));
        }
        return versions.stream().map(VersionView::of).toList();
    }

    @POST
    @Path("/{key}/{language}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of one message in one language (checked first; the reason is kept)")
    public Response addVersion(@PathParam("key") String key, @PathParam("language") String language,
            @Valid @NotNull NewVersion request) {
        TemplateKey templateKey = knownKey(key);
        String lang = language(language);
        TemplateText text = new TemplateText(request.subject(), request.body(), request.sms());
        requireUsable(templateKey, text);
        TemplateVersion created = templates.addVersion(tenant.trustId(), tenant.actor(), templateKey, lang, text,
                request.reason().strip());
        return Response.status(201).entity(VersionView.of(created)).build();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render one message in one language, stored or a draft, with typical or given values")
    public Rendered preview(@Valid @NotNull PreviewRequest request) {
        TemplateKey key = knownKey(request.key());
        String lang = language(request.language());
        Map<String, Object> data = new HashMap<>(SampleData.of(key));
        if (request.data() != null) {
            data.putAll(request.data());
        }
        boolean draft = Stream.of(request.subject(), request.body(), request.sms()).anyMatch(p -> p != null);
        try {
            if (!draft) {
                return templates.render(tenant.trustId(), key.key(), lang, data);
            }
            TemplateText text = new TemplateText(blankToNull(request.subject()), blankToNull(request.body()),
                    blankToNull(request.sms()));
            requireUsable(key, text);
            return templates.renderDraft(key, lang, text, data);
        } catch (TemplateProblem e) {
            throw ProblemException.badRequest(e.getMessage(), e.errors());
        }
    }

    private void requireUsable(TemplateKey key, TemplateText text) {
        List<Problem.FieldError> errors = templates.check(key, text);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The wording of " + key.key() + " cannot be used: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
    }

    private static TemplateKey knownKey(String key) {
        return TemplateKey.of(key).orElseThrow(() -> ProblemException.notFound("There is no message " + key));
    }

    private static String language(String language) {
        String normalised = Languages.normalise(language);
        if (!Languages.isValid(normalised)) {
            throw ProblemException.badRequest("Not a language code: " + language,
                    List.of(new Problem.FieldError("language", "an ISO 639 code such as en, pl or ur")));
        }
        return normalised;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
