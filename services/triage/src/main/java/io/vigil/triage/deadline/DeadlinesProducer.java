package io.vigil.triage.deadline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** Makes the configured deadlines and calendar available to the rest of triage. */
@ApplicationScoped
public class DeadlinesProducer {

    /** The deadlines as configured; term holidays are dates or inclusive {@code from/to} ranges. */
    @Produces
    @Singleton
    Deadlines deadlines(DeadlineConfig.Acknowledge ack, DeadlineConfig.Calendar calendar) {
        Set<LocalDate> holidays = new HashSet<>();
        for (String entry : calendar.termHolidays()) {
            if (entry.isBlank() || entry.equals("none")) {
                continue;
            }
            String[] range = entry.strip().split("/");
            LocalDate from = LocalDate.parse(range[0]);
            LocalDate to = range.length > 1 ? LocalDate.parse(range[1]) : from;
            for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
                holidays.add(date);
            }
        }
        SchoolCalendar schoolCalendar = new SchoolCalendar(calendar.zone(), calendar.dayStart(), calendar.dayEnd(),
                Set.copyOf(calendar.bankHolidays()), Set.copyOf(holidays));
        return new Deadlines(ack.critical(), ack.high(), ack.mediumBy(), ack.lowBy(), schoolCalendar);
    }
}
