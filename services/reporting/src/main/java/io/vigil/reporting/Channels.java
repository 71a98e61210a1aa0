package io.vigil.reporting;

/** The messaging channels of reporting (topics are configured in application.properties). */
public final class Channels {

    /** {@code vigil.incidents.v1}, from triage. */
    public static final String INCIDENTS_IN = "incidents-in";

    /** {@code vigil.notifications.v1}, from notification. */
    public static final String NOTIFICATIONS_IN = "notifications-in";

    /** {@code vigil.audit.v1}, from every service. */
    public static final String AUDIT_IN = "audit-in";

    /** {@code vigil.directory.v1} (compacted), from intake: dates of birth for retention. */
    public static final String DIRECTORY_IN = "directory-in";

    private Channels() {
    }
}
