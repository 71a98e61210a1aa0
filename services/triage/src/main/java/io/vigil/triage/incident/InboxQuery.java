package io.vigil.triage.incident;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.text.Strings;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.PolicyCategory;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the inbox's query parameters; anything it does not know is a 400 naming the parameter. */
final class InboxQuery {

    static final Set<String> STATUSES = Set.of("open", "acknowledged", "closed");

    private InboxQuery() {
    }

    static Incident.Filter filter(String status, String severity, String category, String assignee, String silenced) {
        Set<String> statuses = values("status", status, STATUSES);
        Set<String> severities = values("severity", severity,
                Set.copyOf(Arrays.stream(Severity.values()).map(Severity::wireName).toList()));
        String slug = Strings.blankToNull(category);
        if (slug != null) {
            try {
                slug = PolicyCategory.fromSlug(slug.strip()).slug();
            } catch (IllegalArgumentException e) {
                throw invalid("category", "not one of Vigil's policy categories");
            }
        }
        Boolean onlySilenced = null;
        if (Strings.blankToNull(silenced) != null) {
            onlySilenced = switch (silenced.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw invalid("silenced", "true or false");
            };
        }
        String who = Strings.blankToNull(assignee);
        return new Incident.Filter(statuses, severities, slug, who == null ? null : who.strip(), onlySilenced);
    }

    static Incident.Order order(String order) {
        return switch (order.strip().toLowerCase(Locale.ROOT)) {
            case "priority" -> Incident.Order.PRIORITY;
            case "newest" -> Incident.Order.NEWEST;
            default -> throw invalid("order", "priority or newest");
        };
    }

    /** A comma-separated list of known values, or null when none is given. */
    private static Set<String> values(String name, String list, Set<String> known) {
        if (Strings.blankToNull(list) == null) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (String value : list.split(",")) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!known.contains(v)) {
                throw invalid(name, "'" + value.strip() + "' is not one of " + known.stream().sorted().toList());
            }
            values.add(v);
        }
        return values;
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("The inbox query is not valid", List.of(new Problem.FieldError(field, message)));
    }
}
