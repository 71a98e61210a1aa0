package io.vigil.reporting.audit;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.text.Strings;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the audit query's filters from what the caller sent; every bad one is named in one 400. */
final class AuditQuery {

    /** Longest action or actor a filter may name. */
    static final int MAX_LENGTH = 200;
    /** Actions are dotted lower-case names, e.g. {@code incident.read}, {@code notification-settings.changed}. */
    private static final Pattern ACTION = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /**
     * The filters of a query; null for those not given.
     *
     * @param action exactly this action
     * @param actor exactly this actor
     * @param from records that occurred at or after this instant
     * @param to records that occurred before this instant
     */
    record Filter(String action, String actor, Instant from, Instant to) {
    }

    private AuditQuery() {
    }

    static Filter filter(String action, String actor, String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String wantedAction = Strings.blankToNull(action);
        if (wantedAction != null && (wantedAction.length() > MAX_LENGTH || !ACTION.matcher(wantedAction).matches())) {
            errors.add(new Problem.FieldError("action", "must be an action name such as incident.read (lower-case"
                    + " letters, digits, '.', '-', '_'; at most " + MAX_LENGTH + " characters)"));
        }
        String wantedActor = Strings.blankToNull(actor);
        if (wantedActor != null && wantedActor.length() > MAX_LENGTH) {
            errors.add(new Problem.FieldError("actor", "must be at most " + MAX_LENGTH + " characters"));
        }
        Instant since = instant("from", from, errors);
        Instant until = instant("to", to, errors);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add(new Problem.FieldError("to", "must be after 'from'"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid filters: " + String.join(", ",
                    errors.stream().map(Problem.FieldError::field).distinct().toList()), errors);
        }
        return new Filter(wantedAction, wantedActor, since, until);
    }

    private static Instant instant(String field, String value, List<Problem.FieldError> errors) {
        String text = Strings.blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z"));
            return null;
        }
    }
}
