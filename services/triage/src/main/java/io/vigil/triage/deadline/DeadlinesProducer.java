package io.vigil.triage.deadline;

import io.vigil.common.time.SchoolCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the configured deadlines and calendar available to the rest of triage. */
@ApplicationScoped
public class DeadlinesProducer {

    /** The deadlines as configured, on the school calendar. */
    @Produces
    @Singleton
    Deadlines deadlines(DeadlineConfig.Acknowledge ack, SchoolCalendar calendar) {
        return new Deadlines(ack.critical(), ack.high(), ack.mediumBy(), ack.lowBy(), calendar);
    }
}
