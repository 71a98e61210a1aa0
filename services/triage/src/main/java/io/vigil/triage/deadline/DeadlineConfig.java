package io.vigil.triage.deadline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;

/** Acknowledgement deadlines, from configuration. */
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
}
