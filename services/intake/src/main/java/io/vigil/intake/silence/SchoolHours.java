package io.vigil.intake.silence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/** When schools are open, as far as watching for silent appliances is concerned. */
@ConfigMapping(prefix = "vigil.intake.silence")
public interface SchoolHours {

    /** The schools' time zone. */
    @WithDefault("Europe/London")
    ZoneId zone();

    /** When the school day starts. */
    @WithDefault("08:00")
    LocalTime dayStart();

    /** When the school day ends. */
    @WithDefault("16:30")
    LocalTime dayEnd();

    /** The days schools are open. */
    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    Set<DayOfWeek> days();

    /** How often appliances are checked for silence. */
    @WithDefault("60s")
    String checkEvery();

    /** The start of the school day {@code now} falls in, or empty outside school hours. */
    default Optional<Instant> schoolDayStart(Instant now) {
        ZonedDateTime local = now.atZone(zone());
        LocalTime time = local.toLocalTime();
        if (!days().contains(local.getDayOfWeek()) || time.isBefore(dayStart()) || !time.isBefore(dayEnd())) {
            return Optional.empty();
        }
        return Optional.of(local.with(dayStart()).toInstant());
    }
}
