package io.vigil.triage.deadline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** Acknowledgement deadlines and the school calendar, from configuration. */
public final class DeadlineConfig {

    private DeadlineConfig() {
    }

    /** How long to acknowledge, per severity. */
    @ConfigMapping(prefix = "vigil.triage.acknowledge")
    public interface Acknowledge {
        @WithDefault("15m")
        Duration critical();

        @WithDefault("1h")
        Duration high();

        /** Medium: by this time on the next school day. */
        @WithDefault("10:00")
        LocalTime mediumBy();

        /** Low: by this time on the next school day. */
        @WithDefault("16:00")
        LocalTime lowBy();
    }

    /** School days and hours. */
    @ConfigMapping(prefix = "vigil.triage.calendar")
    public interface Calendar {
        @WithDefault("Europe/London")
        ZoneId zone();

        @WithDefault("08:00")
        LocalTime dayStart();

        @WithDefault("16:30")
        LocalTime dayEnd();

        /** Bank holidays of England and Wales. */
        List<LocalDate> bankHolidays();

        /** Term holidays, as single dates or ranges {@code from/to} (inclusive). */
        @WithDefault("none")
        List<String> termHolidays();
    }
}
