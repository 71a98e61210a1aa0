package io.vigil.triage;

/** The messaging channels of triage (topics are configured in application.properties). */
public final class Channels {

    /** {@code vigil.alerts.v1}, from intake. */
    public static final String ALERTS_IN = "alerts-in";

    /** {@code vigil.directory.v1}, from intake. */
    public static final String DIRECTORY_IN = "directory-in";

    /** {@code vigil.notifications.v1}, from notification: deliveries that failed. */
    public static final String NOTIFICATIONS_IN = "notifications-in";

    private Channels() {
    }
}
