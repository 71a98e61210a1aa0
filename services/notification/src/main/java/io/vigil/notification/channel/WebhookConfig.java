package io.vigil.notification.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhooks Vigil calls: a Teams channel's incoming webhook, a trust's own endpoint ({@code vigil.notification.webhook.*}). */
@ConfigMapping(prefix = "vigil.notification.webhook")
public interface WebhookConfig {

    /** How long to wait for the receiver to accept a connection. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * How long to wait for the receiver's answer. After that the attempt counts as transient; the
     * receiver may still have taken it, so it must be idempotent by {@code X-Vigil-Notification-Id}.
     */
    @WithDefault("10s")
    Duration timeout();
}
