package io.vigil.reporting.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

/**
 * How long reporting keeps an incident's records, by the IRMS Information Management Toolkit for Schools:
 * <ul>
 * <li>a record about a learner ({@link #LEARNER}): until the learner's date of birth + 25 years, then
 * reviewed. A learner born on 29 February has no 29 February in a year that is not a leap year: the
 * record is then kept until 1 March, never less than 25 full years;</li>
 * <li>an allegation about a member of staff (a restricted incident, {@link #STAFF_ALLEGATION}): IRMS keeps it
 * until the person's normal retirement age or 10 years from the allegation, whichever is longer. Reporting
 * holds neither the person's age nor their retirement age, so it keeps it 10 years from the case's closing
 * (which is never before the allegation), with the same 29 February rule; an open case is kept
 * ({@link #STAFF_ALLEGATION_OPEN});</li>
 * <li>a record whose learner's date of birth reporting does not know, or that names no learner
 * ({@link #DATE_OF_BIRTH_UNKNOWN}): kept, and listed for review so that someone decides.</li>
 * </ul>
 * A record is kept until and including its {@code retainUntil} date and is due for review after it.
 *
 * @param basis which rule applies
 * @param retainUntil the last day the record must be kept; null when it is not known
 */
public record Retention(String basis, LocalDate retainUntil) {

    public static final String LEARNER = "learner-date-of-birth-plus-25-years";
    public static final String STAFF_ALLEGATION = "staff-allegation-10-years-from-closing";
    public static final String STAFF_ALLEGATION_OPEN = "staff-allegation-open";
    public static final String DATE_OF_BIRTH_UNKNOWN = "date-of-birth-unknown";

    /** Years a child-protection record is kept after the learner's date of birth. */
    static final int LEARNER_YEARS = 25;
    /** Years an allegation about a member of staff is kept after the case closed (see the class comment). */
    static final int ALLEGATION_YEARS = 10;

    /**
     * The retention of an incident's records.
     *
     * @param restricted whether the incident is a concern about a member of staff
     * @param dateOfBirth the learner's date of birth, null when unknown (or when there is no learner)
     * @param closedAt when the case closed, null while it is open
     * @param zone the schools' time zone, in which a closing falls on a date
     */
    public static Retention of(boolean restricted, LocalDate dateOfBirth, Instant closedAt, ZoneId zone) {
        if (restricted) {
            return closedAt == null ? new Retention(STAFF_ALLEGATION_OPEN, null)
                    : new Retention(STAFF_ALLEGATION, fullYearsAfter(closedAt.atZone(zone).toLocalDate(),
                            ALLEGATION_YEARS));
        }
        return dateOfBirth == null ? new Retention(DATE_OF_BIRTH_UNKNOWN, null)
                : new Retention(LEARNER, learnerRetainUntil(dateOfBirth));
    }

    /** The last day a record about a learner born on {@code dateOfBirth} is kept: the 25th birthday. */
    public static LocalDate learnerRetainUntil(LocalDate dateOfBirth) {
        return fullYearsAfter(dateOfBirth, LEARNER_YEARS);
    }

    /**
     * The day {@code years} full years after {@code from}. {@link LocalDate#plusYears} turns 29 February
     * into 28 February in a year that is not a leap year, a day short of the full years: that is 1 March.
     */
    static LocalDate fullYearsAfter(LocalDate from, int years) {
        LocalDate after = from.plusYears(years);
        boolean leapDay = from.getMonth() == Month.FEBRUARY && from.getDayOfMonth() == 29;
        return leapDay && after.getDayOfMonth() == 28 ? after.plusDays(1) : after;
    }

    /** Whether the record is due for review on {@code asOf}: its retention date has passed. */
    public boolean dueOn(LocalDate asOf) {
        return retainUntil != null && asOf.isAfter(retainUntil);
    }

    /** Whether the review list shows the record on {@code asOf}: due, or its date of birth unknown. */
    public boolean listedOn(LocalDate asOf) {
        return dueOn(asOf) || DATE_OF_BIRTH_UNKNOWN.equals(basis);
    }
}
