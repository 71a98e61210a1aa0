package io.vigil.reporting;

import io.vigil.common.problem.Problem;
import io.vigil.common.text.Strings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A reporting period: from (inclusive) to (exclusive). A bound is an ISO date (midnight at the start of
 * that day in the trust's calendar zone, {@code vigil.calendar.zone}) or an ISO-8601 instant.
 *
 * @param from the first instant in the period, or null for no lower bound
 * @param to the first instant after the period, or null for no upper bound
 */
public record Period(Instant from, Instant to) {

    /** The longest period a query may span. */
    public static final Duration LONGEST = Duration.ofDays(5 * 366);

    /**
     * Reads {@code from} and {@code to}, adding a field error for each bad one: unparsable, {@code from}
     * not before {@code to}, or longer than {@link #LONGEST}.
     */
    public static Period parse(String from, String to, ZoneId zone, List<Problem.FieldError> errors) {
        Instant since = bound("from", from, zone, errors);
        Instant until = bound("to", to, zone, errors);
        if (since != null && until != null) {
            if (!since.isBefore(until)) {
                errors.add(new Problem.FieldError("to", "must be after 'from'"));
            } else if (Duration.between(since, until).compareTo(LONGEST) > 0) {
                errors.add(new Problem.FieldError("to", "the period may span at most 5 years"));
            }
        }
        return new Period(since, until);
    }

    /** This period with a missing end set to {@code now} and a missing start {@code window} before its end. */
    public Period orLast(Duration window, Instant now) {
        Instant until = to != null ? to : now;
        Instant since = from != null ? from : until.minus(window);
        return new Period(since, until);
    }

    private static Instant bound(String field, String value, ZoneId zone, List<Problem.FieldError> errors) {
        String text = Strings.blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO date such as 2026-03-01 or an ISO-8601 instant"
                    + " such as 2026-03-01T08:00:00Z"));
            return null;
        }
    }
}
