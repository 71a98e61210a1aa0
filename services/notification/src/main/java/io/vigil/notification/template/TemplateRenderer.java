package io.vigil.notification.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.vigil.common.problem.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders wording with Qute, strictly (a variable the data lacks is an error, never a blank), and
 * checks a trust's wording before it is stored. Free of I/O: the caller finds the wording.
 */
public class TemplateRenderer {

    /** The longest text message, in characters, a template may render to with typical values. */
    public static final int SMS_LIMIT = 300;
    /** The longest subject, in characters, with typical values. */
    public static final int SUBJECT_LIMIT = 200;

    private static final int CACHE_LIMIT = 2_000;
    /** Sections wording may use; others ({#include}, {#eval}, {#insert}…) could reach beyond the message. */
    private static final Set<String> ALLOWED_SECTIONS = Set.of("if", "else", "for", "each", "let");
    private static final Pattern SECTION = Pattern.compile("\\{#(\\w+)");
    private static final Pattern FOR_ALIAS = Pattern.compile("\\{#for\\s+(\\w+)\\s+in\\b");
    private static final Pattern LET = Pattern.compile("\\{#let\\s+([^}]*)}");
    private static final Pattern LET_NAME = Pattern.compile("(\\w+)\\s*=");

    private final Engine engine;
    /** Parsed wording by its source: stored versions never change, so the source identifies the parse. */
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public TemplateRenderer(Engine engine) {
        this.engine = engine;
    }

    /**
     * Renders {@code version} with {@code data}.
     *
     * @throws TemplateProblem when a required variable is missing or blank, a list is not a list, the
     *         wording fails, or a part renders blank
     */
    public Rendered render(TemplateVersion version, boolean fellBack, Map<String, Object> data) {
        String what = "template " + version.key().key() + " (" + version.language() + ")";
        Map<String, Object> values = prepare(version.key(), what, data);
        String subject = renderPart(version.text(), "subject", values, what).replaceAll("\\s*\\n\\s*", " ").strip();
        String body = renderPart(version.text(), "body", values, what).strip() + "\n";
        String sms = renderPart(version.text(), "sms", values, what).strip();
        return new Rendered(version.ref(), version.language(), fellBack, subject, body, sms);
    }

    /**
     * What is wrong with wording for {@code key}, part by part; empty when it can be stored. Wording
     * must parse, use only the key's variables (and names its own loops define), use no namespaces
     * ({@code config:}, {@code inject:}) or sections beyond if, for, each and let, keep every required
     * variable in the body and the key's essentials in the text message, and render with typical values
     * to a subject of at most {@value #SUBJECT_LIMIT} and a text message of at most {@value #SMS_LIMIT}
     * characters.
     */
    public List<Problem.FieldError> check(TemplateKey key, TemplateText text) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String part : TemplateText.PARTS) {
            String source = text.part(part);
            if (source == null || source.isBlank()) {
                errors.add(new Problem.FieldError(part, "must not be blank"));
                continue;
            }
            Template template;
            try {
                template = parse(part, source);
            } catch (TemplateException e) {
                errors.add(new Problem.FieldError(part, "Qute cannot parse it: " + e.getMessage()));
                continue;
            }
            errors.addAll(checkNames(key, part, source, template));
            List<String> needs = switch (part) {
                case "body" -> key.bodyNeeds();
                case "sms" -> key.smsNeeds();
                default -> List.of();
            };
            Set<String> used = usedNames(template);
            needs.stream().filter(name -> !used.contains(name)).forEach(name -> errors.add(
                    new Problem.FieldError(part, "must use {" + name + "}")));
        }
        if (errors.isEmpty()) {
            errors.addAll(checkRendering(key, text));
        }
        return errors;
    }

    private List<Problem.FieldError> checkNames(TemplateKey key, String part, String source, Template template) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Matcher sections = SECTION.matcher(source);
        while (sections.find()) {
            if (!ALLOWED_SECTIONS.contains(sections.group(1))) {
                errors.add(new Problem.FieldError(part, "uses {#" + sections.group(1) + "}; wording may use only "
                        + "{#if}, {#for}, {#each} and {#let}"));
            }
        }
        Set<String> locals = localNames(source);
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral()) {
                continue;
            }
            if (expression.hasNamespace()) {
                errors.add(new Problem.FieldError(part, "uses {" + expression.toOriginalString()
                        + "}; wording may use only the variables of " + key.key()));
                continue;
            }
            String name = expression.getParts().get(0).getName();
            boolean local = locals.stream().anyMatch(alias -> name.equals(alias) || name.startsWith(alias + "_"));
            if (!local && key.variable(name).isEmpty()) {
                errors.add(new Problem.FieldError(part, "uses {" + name + "}, which " + key.key() + " does not offer; "
                        + "it offers " + key.variables().stream().map(TemplateKey.Variable::name).toList()));
            }
        }
        return errors;
    }

    /** Tries the wording with typical values, with and without optional ones and with empty lists. */
    private List<Problem.FieldError> checkRendering(TemplateKey key, TemplateText text) {
        TemplateVersion candidate = new TemplateVersion(key, "candidate", 0, false, text, null, null, null);
        Map<String, Object> sparse = new HashMap<>(SampleData.of(key));
        key.variables().forEach(v -> {
            if (v.optional()) {
                sparse.remove(v.name());
            } else if (v.kind() == TemplateKey.Variable.Kind.LIST) {
                sparse.put(v.name(), List.of());
            }
        });
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            render(candidate, false, sparse);
            Rendered typical = render(candidate, false, SampleData.of(key));
            if (typical.subject().length() > SUBJECT_LIMIT) {
                errors.add(new Problem.FieldError("subject", "renders to " + typical.subject().length()
                        + " characters with typical values; at most " + SUBJECT_LIMIT));
            }
            if (typical.sms().length() > SMS_LIMIT) {
                errors.add(new Problem.FieldError("sms", "renders to " + typical.sms().length()
                        + " characters with typical values; at most " + SMS_LIMIT));
            }
        } catch (TemplateProblem e) {
            errors.addAll(e.errors());
        }
        return errors;
    }

    private Map<String, Object> prepare(TemplateKey key, String what, Map<String, Object> data) {
        Map<String, Object> given = data == null ? Map.of() : data;
        Map<String, Object> values = new LinkedHashMap<>();
        for (TemplateKey.Variable variable : key.variables()) {
            Object value = given.get(variable.name());
            if (variable.kind() == TemplateKey.Variable.Kind.LIST) {
                if (value == null) {
                    values.put(variable.name(), List.of());
                } else if (value instanceof Collection<?> list) {
                    values.put(variable.name(), list.stream().map(String::valueOf).toList());
                } else {
                    throw problem(what + " needs " + variable.name() + " as a list", variable.name());
                }
            } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
                throw problem(what + " needs " + variable.name() + " as text", variable.name());
            } else if (value != null && !value.toString().isBlank()) {
                values.put(variable.name(), value.toString().strip());
            } else if (!variable.optional()) {
                throw problem(what + " needs " + variable.name(), variable.name());
            }
        }
        return values;
    }

    private String renderPart(TemplateText text, String part, Map<String, Object> values, String what) {
        String rendered;
        try {
            rendered = parse(part, text.part(part)).data(values).render();
        } catch (TemplateException e) {
            throw new TemplateProblem(what + " cannot render its " + part + ": " + e.getMessage(),
                    List.of(new Problem.FieldError(part, e.getMessage())));
        }
        if (rendered.isBlank()) {
            throw new TemplateProblem(what + " renders a blank " + part, List.of(new Problem.FieldError(part,
                    "renders blank")));
        }
        return rendered;
    }

    private Template parse(String part, String source) {
        if (parsed.size() > CACHE_LIMIT) {
            parsed.clear();
        }
        String cacheKey = part + "\n" + source;
        Template template = parsed.get(cacheKey);
        if (template == null) {
            template = engine.parse(source, null, part);
            parsed.put(cacheKey, template);
        }
        return template;
    }

    /** The variables a template reads (the first name of each expression, literals and namespaces aside). */
    private static Set<String> usedNames(Template template) {
        Set<String> names = new LinkedHashSet<>();
        for (Expression expression : template.getExpressions()) {
            if (!expression.isLiteral() && !expression.hasNamespace()) {
                names.add(expression.getParts().get(0).getName());
            }
        }
        return names;
    }

    /** Names the wording defines itself: loop aliases ({@code it} for {#each}) and {#let} names. */
    private static Set<String> localNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        Matcher loops = FOR_ALIAS.matcher(source);
        while (loops.find()) {
            names.add(loops.group(1));
        }
        if (source.contains("{#each")) {
            names.add("it");
        }
        Matcher lets = LET.matcher(source);
        while (lets.find()) {
            Matcher assigned = LET_NAME.matcher(lets.group(1));
            while (assigned.find()) {
                names.add(assigned.group(1));
            }
        }
        return names;
    }

    private static TemplateProblem problem(String reason, String variable) {
        return new TemplateProblem(reason, List.of(new Problem.FieldError("data." + variable, reason)));
    }
}
