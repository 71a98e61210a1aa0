package io.vigil.notification.template;

import io.quarkus.qute.Engine;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.notification.TransactionMemo;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wording of every message Vigil sends: a trust's newest own version of a (key, language) if it
 * has one, else the wording Vigil ships, else English. Rendering is strict: a missing variable is a
 * {@link TemplateProblem}, never a blank in a message.
 */
@ApplicationScoped
public class MessageTemplates {

    @Inject
    Engine engine;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    TransactionMemo memo;

    private final ShippedTemplates shipped = ShippedTemplates.load();
    private TemplateRenderer renderer;

    @PostConstruct
    void init() {
        renderer = new TemplateRenderer(engine);
    }

    /**
     * Renders the message {@code key} for a trust in {@code language} (e.g. {@code pl} or
     * {@code pl-PL}), in English when there is no wording in that language ({@link Rendered#fellBack()}).
     * Joins the caller's transaction, or reads in one of its own; a {@link TemplateProblem} leaves the
     * caller's transaction usable, so the caller can record the failure in it.
     *
     * @param data the key's variables (see {@link TemplateKey}); lists as {@link java.util.Collection}s
     * @throws TemplateProblem for an unknown key, or a required variable that is missing or blank
     */
    @Transactional(dontRollbackOn = TemplateProblem.class)
    public Rendered render(String trustId, String key, String language, Map<String, Object> data) {
        TemplateKey templateKey = key(key);
        String asked = Languages.normalise(language);
        Optional<TemplateVersion> inLanguage = current(trustId, templateKey, asked);
        TemplateVersion version = inLanguage.or(() -> current(trustId, templateKey, Languages.ENGLISH))
                .orElseThrow(() -> new TemplateProblem("template " + key + " has no English wording"));
        return renderer.render(version, inLanguage.isEmpty(), data);
    }

    /** The key named {@code key}. @throws TemplateProblem when Vigil has no such message */
    public static TemplateKey key(String key) {
        return TemplateKey.of(key).orElseThrow(() -> new TemplateProblem("there is no template " + key));
    }

    /** The wording used now for (key, language): the trust's newest version, else the shipped one. */
    @Transactional
    public Optional<TemplateVersion> current(String trustId, TemplateKey key, String language) {
        return memo.get(List.of("template", trustId, key.key(), language), () -> StoredTemplate
                .newest(trustId, key.key(), language).map(s -> s.toVersion(key)).or(() -> shipped.find(key, language)));
    }

    /** Every version of (key, language) for a trust, newest first, the shipped one (if any) last. */
    @Transactional
    public List<TemplateVersion> versions(String trustId, TemplateKey key, String language) {
        List<TemplateVersion> versions = new ArrayList<>(StoredTemplate.versions(trustId, key.key(), language).stream()
                .map(s -> s.toVersion(key)).toList());
        shipped.find(key, language).ifPresent(versions::add);
        return versions;
    }

    /** The languages the trust has wording in for {@code key}: the shipped ones and its own. */
    @Transactional
    public List<String> languages(String trustId, TemplateKey key) {
        List<String> languages = new ArrayList<>(key.shippedLanguages().stream().sorted().toList());
        StoredTemplate.languages(trustId, key.key()).stream().filter(l -> !languages.contains(l))
                .forEach(languages::add);
        return languages;
    }

    /** What is wrong with wording for {@code key}; empty when it may be stored. */
    public List<Problem.FieldError> check(TemplateKey key, TemplateText text) {
        return renderer.check(key, text);
    }

    /** Renders wording that is not stored (a preview of a draft); check it first. */
    public Rendered renderDraft(TemplateKey key, String language, TemplateText text, Map<String, Object> data) {
        TemplateVersion draft = new TemplateVersion(key, language, 0, false, text, null, null, null);
        Rendered rendered = renderer.render(draft, false, data);
        return new Rendered(key.key() + ".draft." + language, language, false, rendered.subject(), rendered.body(),
                rendered.sms());
    }

    /**
     * Stores a trust's new version of (key, language), numbered after the one it replaces, and audits
     * who, when, why and what it replaced in the same transaction. The wording must pass
     * {@link #check}; a version stored meanwhile by someone else is a 409.
     */
    @Transactional
    public TemplateVersion addVersion(String trustId, String actor, TemplateKey key, String language, TemplateText text,
            String reason) {
        Optional<TemplateVersion> previous = current(trustId, key, language);
        StoredTemplate created = new StoredTemplate();
        created.trustId = trustId;
        created.templateKey = key.key();
        created.language = language;
        created.version = previous.map(v -> v.version() + 1).orElse(TemplateVersion.SHIPPED_VERSION + 1);
        created.subject = text.subject();
        created.body = text.body();
        created.sms = text.sms();
        created.changedBy = actor;
        created.changedAt = clock.instant();
        created.reason = reason;
        try {
            created.persist();
            entityManager.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("Version " + created.version + " of " + key.key() + " (" + language
                    + ") was stored meanwhile; look at the versions and try again");
        }
        TemplateVersion version = created.toVersion(key);
        audit.record(trustId, null, actor, "template.version-added", "message-template", version.ref(), "success",
                Map.of("key", key.key(), "language", language, "version", Integer.toString(version.version()),
                        "reason", reason,
                        "previous", previous.map(v -> v.ref() + (v.shipped() ? " (shipped)" : "")).orElse("none")));
        return version;
    }
}
