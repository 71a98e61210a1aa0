package io.vigil.common.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The school calendar every service shares: the school day, bank holidays of England and Wales and
 * term holidays. Vigil's defaults are in services/common's configuration; a trust sets its own.
 */
@ConfigMapping(prefix = "vigil.calendar")
public interface CalendarConfig {

    @WithDefault("Europe/London")
    ZoneId zone();

    @WithDefault("08:00")
    LocalTime dayStart();

    @WithDefault("16:30")
    LocalTime dayEnd();

    /** Bank holidays as ISO dates, {@code none} for none. */
    @WithDefault("none")
    List<String> bankHolidays();

    /** Term holidays as ISO dates or inclusive {@code from/to} ranges, {@code none} for none. */
    @WithDefault("none")
    List<String> termHolidays();
}
