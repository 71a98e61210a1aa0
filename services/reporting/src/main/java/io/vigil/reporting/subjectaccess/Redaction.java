package io.vigil.reporting.subjectaccess;

import io.vigil.reporting.retention.DirectoryPerson;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replaces every person but the learner in a subject access export: a member of staff or a parent or carer
 * whom the directory names by role, anyone else (user names, assignees, other learners, unknown ids) by
 * {@link #THIRD_PARTY}. Audit details pass through only under keys known to hold no person (severity,
 * agency, channel, ...); any other key's value is redacted.
 */
final class Redaction {

    static final String THIRD_PARTY = "[redacted third party]";
    static final String SYSTEM = "system";
    static final String GUARDIAN = "parent or carer";

    /** Audit detail keys whose values are categories, counts, roles or event ids, never a person. */
    static final Set<String> SAFE_DETAILS = Set.of("severity", "count", "agency", "channel", "level", "cause",
            "to", "routedTo", "role", "template", "permanent", "why", "outcome", "basis", "retainUntil", "status",
            "incidentId");

    private final String subjectId;
    private final Map<String, String> roles;

    private Redaction(String subjectId, Map<String, String> roles) {
        this.subjectId = subjectId;
        this.roles = roles;
    }

    /** A redaction of {@code subjectId}'s export, naming by role the people of the directory among {@code ids}. */
    static Redaction of(String subjectId, String trustId, Collection<String> ids) {
        Map<String, String> roles = new HashMap<>();
        if (!ids.isEmpty()) {
            DirectoryPerson.<DirectoryPerson>list("trustId = ?1 and personId in ?2", trustId, Set.copyOf(ids))
                    .forEach(person -> roles.put(person.personId, role(person)));
        }
        return new Redaction(subjectId, roles);
    }

    private static String role(DirectoryPerson person) {
        return switch (person.kind) {
            case DirectoryPerson.GUARDIAN -> GUARDIAN;
            case DirectoryPerson.STAFF -> person.safeguardingRole == null || "none".equals(person.safeguardingRole)
                    ? "member of staff" : "member of staff (" + person.safeguardingRole + ")";
            default -> THIRD_PARTY;
        };
    }

    /** Who acted: the system, or a third party (by role when the directory knows them). */
    String actor(String actor) {
        return SYSTEM.equals(actor) ? SYSTEM : person(actor);
    }

    /** The details with every value that may name another person replaced. */
    Map<String, String> details(Map<String, String> details) {
        Map<String, String> redacted = new LinkedHashMap<>();
        details.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(detail -> {
            String value = detail.getValue();
            if (SAFE_DETAILS.contains(detail.getKey()) && !roles.containsKey(value)) {
                redacted.put(detail.getKey(), value);
            } else if ("guardian".equals(detail.getKey())) {
                redacted.put(detail.getKey(), subjectId.equals(value) ? value : roles.getOrDefault(value, GUARDIAN));
            } else {
                redacted.put(detail.getKey(), person(value));
            }
        });
        return redacted;
    }

    private String person(String id) {
        if (subjectId.equals(id)) {
            return id;
        }
        return roles.getOrDefault(id, THIRD_PARTY);
    }

    /** Every actor and detail value of these records: the ids the directory may know by role. */
    static List<String> candidates(Collection<String> actors, Collection<Map<String, String>> details) {
        return java.util.stream.Stream.concat(actors.stream(), details.stream().flatMap(d -> d.values().stream()))
                .filter(value -> value != null && !value.isBlank()).distinct().collect(Collectors.toList());
    }
}
