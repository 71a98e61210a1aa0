package io.vigil.reporting.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.qute.TemplateData;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: an academic year in England ({@code 2025-26}, 1 September 2025 to 31 August 2026) or
 * one of its terms ({@code 2025-26-autumn}, {@code -spring}, {@code -summer}, boundaries from {@link TermsConfig}).
 *
 * @param id the period id as written in the URL
 * @param label the period in words, e.g. "Autumn term 2025-26"
 * @param from the first day
 * @param toExclusive the day after the last day
 */
@TemplateData
public record ReportPeriod(String id, String label, LocalDate from, LocalDate toExclusive) {

    /** The terms of a year, in order. */
    public static final List<String> TERMS = List.of("autumn", "spring", "summer");

    private static final Pattern ID = Pattern.compile("(\\d{4})-(\\d{2})(?:-(autumn|spring|summer))?");
    /** Vigil did not exist before; anything earlier is a typing mistake. */
    private static final int FIRST_YEAR = 2000;

    /** The last day of the period, for people. */
    @JsonIgnore
    public LocalDate to() {
        return toExclusive.minusDays(1);
    }

    /** Whether this is a term (else a whole year). */
    @JsonIgnore
    public boolean term() {
        return id.length() > "2025-26".length();
    }

    /**
     * The period an id names, which must have begun by {@code today}; a malformed, unknown or future period is
     * a 400 problem naming the {@code period} field.
     */
    public static ReportPeriod parse(String id, TermsConfig terms, LocalDate today) {
        ReportPeriod period = of(id, terms);
        if (period.from().isAfter(today)) {
            throw invalid("the period " + id + " has not begun yet: reports cover periods that have begun");
        }
        return period;
    }

    /** The period an id names; 400 when it is not a period. */
    static ReportPeriod of(String id, TermsConfig terms) {
        Matcher matcher = ID.matcher(id == null ? "" : id.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid("must be an academic year such as 2025-26, or a term such as 2025-26-autumn, "
                    + "2025-26-spring or 2025-26-summer");
        }
        int startYear = Integer.parseInt(matcher.group(1));
        int endYear = Integer.parseInt(matcher.group(2));
        if (startYear < FIRST_YEAR || endYear != (startYear + 1) % 100) {
            throw invalid("must name two consecutive years from " + FIRST_YEAR + " on, such as 2025-26");
        }
        return of(startYear, matcher.group(3), terms);
    }

    /** The year beginning 1 September {@code startYear}, or its term ({@code null} for the whole year). */
    static ReportPeriod of(int startYear, String term, TermsConfig terms) {
        String year = startYear + "-" + String.format("%02d", (startYear + 1) % 100);
        LocalDate yearStart = LocalDate.of(startYear, 9, 1);
        LocalDate yearEnd = yearStart.plusYears(1);
        if (term == null) {
            return new ReportPeriod(year, "Academic year " + year, yearStart, yearEnd);
        }
        LocalDate spring = termStart(terms.springStarts(), startYear + 1, "spring-starts");
        LocalDate summer = termStart(terms.summerStarts(), startYear + 1, "summer-starts");
        if (!spring.isBefore(summer)) {
            throw new IllegalStateException("vigil.reporting.terms.spring-starts must be before summer-starts");
        }
        String label = Character.toUpperCase(term.charAt(0)) + term.substring(1) + " term " + year;
        return switch (term) {
            case "autumn" -> new ReportPeriod(year + "-autumn", label, yearStart, spring);
            case "spring" -> new ReportPeriod(year + "-spring", label, spring, summer);
            default -> new ReportPeriod(year + "-summer", label, summer, yearEnd);
        };
    }

    /** The period of the same kind before this one: the previous term, or the previous year. */
    public ReportPeriod previous(TermsConfig terms) {
        int startYear = Integer.parseInt(id.substring(0, 4));
        if (!term()) {
            return of(startYear - 1, null, terms);
        }
        int index = TERMS.indexOf(id.substring("2025-26-".length()));
        return index == 0 ? of(startYear - 1, TERMS.get(2), terms) : of(startYear, TERMS.get(index - 1), terms);
    }

    private static LocalDate termStart(String monthDay, int year, String property) {
        try {
            LocalDate start = MonthDay.parse("--" + monthDay).atYear(year);
            if (start.getMonthValue() > 8) {
                throw new IllegalStateException("vigil.reporting.terms." + property + " must fall in January to August");
            }
            return start;
        } catch (DateTimeException e) {
            throw new IllegalStateException("vigil.reporting.terms." + property + " must be a date such as 04-01", e);
        }
    }

    private static ProblemException invalid(String message) {
        return ProblemException.badRequest("Invalid period: " + message,
                List.of(new Problem.FieldError("period", message)));
    }
}
