package io.vigil.reporting.retention;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.text.Strings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The bodies and parameters of the retention API, and their checks: every bad field named in one 400. */
public final class RetentionRequests {

    /** Longest reason a hold, release or disposal may give. */
    static final int MAX_REASON = 500;

    /** Places a legal hold on one incident or on every incident about one person (exactly one of the two). */
    public record Hold(String incidentId, String personId, String reason) {
    }

    /** Releases a legal hold. */
    public record Release(String reason) {
    }

    /** Disposes of a due incident's records after review. */
    public record Disposal(String incidentId, String reason) {
    }

    private RetentionRequests() {
    }

    /** The checked hold: its target (incident or person) and reason, stripped. */
    static Hold check(Hold hold) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String incidentId = hold == null ? null : Strings.blankToNull(hold.incidentId());
        String personId = hold == null ? null : Strings.blankToNull(hold.personId());
        if ((incidentId == null) == (personId == null)) {
            errors.add(new Problem.FieldError(incidentId == null ? "incidentId" : "personId",
                    "give exactly one of incidentId and personId"));
        }
        id("incidentId", incidentId, errors);
        id("personId", personId, errors);
        String reason = reason(hold == null ? null : hold.reason(), errors);
        fail(errors);
        return new Hold(incidentId, personId, reason);
    }

    static String check(Release release) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String reason = reason(release == null ? null : release.reason(), errors);
        fail(errors);
        return reason;
    }

    static Disposal check(Disposal disposal) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String incidentId = disposal == null ? null : Strings.blankToNull(disposal.incidentId());
        if (incidentId == null) {
            errors.add(new Problem.FieldError("incidentId", "is required"));
        }
        id("incidentId", incidentId, errors);
        String reason = reason(disposal == null ? null : disposal.reason(), errors);
        fail(errors);
        return new Disposal(incidentId, reason);
    }

    /** The review's date: {@code asOf} as YYYY-MM-DD, else {@code today}. */
    static LocalDate asOf(String asOf, LocalDate today) {
        String text = Strings.blankToNull(asOf);
        if (text == null) {
            return today;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Invalid fields: asOf",
                    List.of(new Problem.FieldError("asOf", "must be a date such as 2051-09-01 (YYYY-MM-DD)")));
        }
    }

    /** The holds listing's filter: released holds ({@code true}) or those in force ({@code false}, the default). */
    static boolean released(String released) {
        String text = Strings.blankToNull(released);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest("Invalid filters: released",
                List.of(new Problem.FieldError("released", "must be true or false")));
    }

    private static void id(String field, String value, List<Problem.FieldError> errors) {
        if (value != null && value.length() > RecordScope.MAX_ID_LENGTH) {
            errors.add(new Problem.FieldError(field, "must be at most " + RecordScope.MAX_ID_LENGTH + " characters"));
        }
    }

    private static String reason(String value, List<Problem.FieldError> errors) {
        String reason = Strings.blankToNull(value);
        if (reason == null) {
            errors.add(new Problem.FieldError("reason", "is required"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new Problem.FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        return reason;
    }

    private static void fail(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid fields: " + String.join(", ",
                    errors.stream().map(Problem.FieldError::field).distinct().toList()), errors);
        }
    }
}
