package io.vigil.common.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * School days and working days in England and Wales, from configuration: weekends and bank
 * holidays are closed for both; term holidays are closed for schools but are still working days
 * (the LADO works through them).
 *
 * @param zone the schools' zone
 * @param dayStart when the school day starts
 * @param dayEnd when it ends
 * @param bankHolidays bank holidays of England and Wales
 * @param termHolidays days the school is closed besides weekends and bank holidays
 */
public record SchoolCalendar(ZoneId zone, LocalTime dayStart, LocalTime dayEnd, Set<LocalDate> bankHolidays,
        Set<LocalDate> termHolidays) {

    /**
     * A calendar from configuration: term holidays are single dates or inclusive {@code from/to}
     * ranges ({@code none} for none).
     */
    public static SchoolCalendar of(ZoneId zone, LocalTime dayStart, LocalTime dayEnd, Collection<LocalDate> bankHolidays,
            Collection<String> termHolidays) {
        Set<LocalDate> holidays = new HashSet<>();
        for (String entry : termHolidays) {
            if (entry.isBlank() || entry.strip().equals("none")) {
                continue;
            }
            String[] range = entry.strip().split("/");
            LocalDate from = LocalDate.parse(range[0].strip());
            LocalDate to = range.length > 1 ? LocalDate.parse(range[1].strip()) : from;
            for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
                holidays.add(date);
            }
        }
        return new SchoolCalendar(zone, dayStart, dayEnd, Set.copyOf(bankHolidays), Set.copyOf(holidays));
    }

    public boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHolidays.contains(date);
    }

    public boolean isSchoolDay(LocalDate date) {
        return isWorkingDay(date) && !termHolidays.contains(date);
    }

    /** Whether {@code instant} falls in school hours. */
    public boolean inSchoolHours(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isSchoolDay(local.toLocalDate()) && !time.isBefore(dayStart) && time.isBefore(dayEnd);
    }

    /** The start of the school day {@code now} falls in, or empty outside school hours. */
    public Optional<Instant> schoolDayStart(Instant now) {
        return inSchoolHours(now) ? Optional.of(now.atZone(zone).with(dayStart).toInstant()) : Optional.empty();
    }

    /** The start of the first school day at or after {@code from} (now, if a school day is under way). */
    public Instant nextSchoolDayStart(Instant from) {
        if (inSchoolHours(from)) {
            return from;
        }
        ZonedDateTime local = from.atZone(zone);
        LocalDate date = local.toLocalDate();
        if (!isSchoolDay(date) || !local.toLocalTime().isBefore(dayStart)) {
            date = date.plusDays(1);
            while (!isSchoolDay(date)) {
                date = date.plusDays(1);
            }
        }
        return date.atTime(dayStart).atZone(zone).toInstant();
    }

    /** {@code time} on the first school day after the date of {@code from}. */
    public Instant nextSchoolDayAt(Instant from, LocalTime time) {
        LocalDate date = from.atZone(zone).toLocalDate().plusDays(1);
        while (!isSchoolDay(date)) {
            date = date.plusDays(1);
        }
        return date.atTime(time).atZone(zone).toInstant();
    }

    /** The end of the first working day after the date of {@code from}: "within one working day". */
    public Instant endOfNextWorkingDay(Instant from) {
        LocalDate date = from.atZone(zone).toLocalDate().plusDays(1);
        while (!isWorkingDay(date)) {
            date = date.plusDays(1);
        }
        return date.atTime(dayEnd).atZone(zone).toInstant();
    }
}
