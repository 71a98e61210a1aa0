package io.vigil.reporting.retention;

import io.vigil.common.time.CalendarConfig;
import io.vigil.reporting.register.RegisterEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The {@link Retention} of register rows, with the learner's date of birth from the directory, and today's date. */
@ApplicationScoped
public class RetentionPolicy {

    @Inject
    CalendarConfig calendar;

    @Inject
    Clock clock;

    /** The schools' time zone, in which an instant falls on a date. */
    public ZoneId zone() {
        return calendar.zone();
    }

    /** Today in the schools' time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(calendar.zone()));
    }

    /** The retention of an incident's records, looking the learner up in the directory copy. */
    public Retention of(RegisterEntry entry) {
        DirectoryPerson person = entry.personId == null ? null : DirectoryPerson.inTrust(entry.trustId, entry.personId);
        return of(entry, person);
    }

    /** The retention of an incident's records about {@code person} (null when unknown). */
    public Retention of(RegisterEntry entry, DirectoryPerson person) {
        LocalDate dateOfBirth = person != null && DirectoryPerson.LEARNER.equals(person.kind) ? person.dateOfBirth
                : null;
        return Retention.of(entry.restricted, dateOfBirth, entry.closedAt, calendar.zone());
    }
}
