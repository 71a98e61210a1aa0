package io.vigil.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay publishes committed events to Kafka. */
@ConfigMapping(prefix = "vigil.outbox")
public interface OutboxConfig {

    /** Longest wait between two looks at the outbox when no commit woke the relay. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most events published in one relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it retries it. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Pause after a failed batch (broker or database unavailable) before the next try. */
    @WithDefault("2s")
    Duration retryBackoff();
}
