package io.vigil.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock every service reads time from (tests replace it to make deadlines exact), and the school calendar. */
@ApplicationScoped
public class Clocks {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock systemClock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SchoolCalendar schoolCalendar(CalendarConfig config) {
        return SchoolCalendar.of(config.zone(), config.dayStart(), config.dayEnd(),
                config.bankHolidays().stream().filter(d -> !d.strip().equals("none"))
                        .map(d -> java.time.LocalDate.parse(d.strip())).toList(),
                config.termHolidays());
    }
}
