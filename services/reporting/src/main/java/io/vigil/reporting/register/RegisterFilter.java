package io.vigil.reporting.register;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.text.Strings;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.reporting.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The register's filters, read from what the caller sent; every bad one is named in one 400. Null for a
 * filter not given.
 *
 * @param period incidents opened in this period
 * @param category a policy category slug
 * @param fourCs one of KCSIE's 4Cs (an incident whose category belongs to it)
 * @param severity low, medium, high or critical
 * @param status open, acknowledged or closed
 * @param source an appliance id, or {@link #CONCERN} for the concerns staff reported
 */
public record RegisterFilter(Period period, String category, String fourCs, String severity, String status,
        String source) {

    /** The source of an incident no appliance raised: a concern a member of staff reported. */
    public static final String CONCERN = "concern";
    static final List<String> STATUSES = List.of("open", "acknowledged", "closed");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public static RegisterFilter parse(String from, String to, String category, String fourCs, String severity,
            String status, String source, ZoneId zone) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = Period.parse(from, to, zone, errors);
        String wantedCategory = oneOf("category", category,
                Arrays.stream(PolicyCategory.values()).map(PolicyCategory::slug).toList(), errors);
        String wantedFourCs = oneOf("fourCs", fourCs, Arrays.stream(FourCs.values()).map(FourCs::wireName).toList(),
                errors);
        String wantedSeverity = oneOf("severity", severity,
                Arrays.stream(Severity.values()).map(Severity::wireName).toList(), errors);
        String wantedStatus = oneOf("status", status, STATUSES, errors);
        String wantedSource = Strings.blankToNull(source);
        if (wantedSource != null && !SOURCE.matcher(wantedSource).matches()) {
            errors.add(new Problem.FieldError("source", "must be an appliance id (letters, digits, '.', '-', '_', ':';"
                    + " at most 64 characters) or 'concern'"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid filters: " + String.join(", ",
                    errors.stream().map(Problem.FieldError::field).distinct().toList()), errors);
        }
        return new RegisterFilter(period, wantedCategory, wantedFourCs, wantedSeverity, wantedStatus, wantedSource);
    }

    /** The JPQL conditions of the filters given (each starting with " and "), adding their parameters. */
    String conditions(Map<String, Object> parameters) {
        StringBuilder query = new StringBuilder();
        if (period.from() != null) {
            query.append(" and openedAt >= :from");
            parameters.put("from", period.from());
        }
        if (period.to() != null) {
            query.append(" and openedAt < :to");
            parameters.put("to", period.to());
        }
        if (category != null) {
            query.append(" and category = :category");
            parameters.put("category", category);
        }
        if (fourCs != null) {
            query.append(" and concat(',', fourCs, ',') like :fourCs");
            parameters.put("fourCs", "%," + fourCs + ",%");
        }
        if (severity != null) {
            query.append(" and severity = :severity");
            parameters.put("severity", severity);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.put("status", status);
        }
        if (CONCERN.equals(source)) {
            query.append(" and sourceId is null");
        } else if (source != null) {
            query.append(" and sourceId = :source");
            parameters.put("source", source);
        }
        return query.toString();
    }

    /** The filters given, for the audit trail, e.g. {@code severity=high status=open}; empty for none. */
    String describe() {
        List<String> given = new ArrayList<>();
        if (period.from() != null) {
            given.add("from=" + period.from());
        }
        if (period.to() != null) {
            given.add("to=" + period.to());
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("category", category);
        values.put("fourCs", fourCs);
        values.put("severity", severity);
        values.put("status", status);
        values.put("source", source);
        values.forEach((name, value) -> {
            if (value != null) {
                given.add(name + "=" + value);
            }
        });
        return String.join(" ", given);
    }

    private static String oneOf(String field, String value, List<String> allowed, List<Problem.FieldError> errors) {
        String text = Strings.blankToNull(value);
        if (text != null && !allowed.contains(text)) {
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", allowed)));
        }
        return text;
    }
}
