package io.vigil.notification;

/** The messaging channels of notification (topics are configured in application.properties). */
public final class Channels {

    /** {@code vigil.incidents.v1}, from triage. */
    public static final String INCIDENTS_IN = "incidents-in";

    /** {@code vigil.directory.v1}, from intake (compacted: read from the start). */
    public static final String DIRECTORY_IN = "directory-in";

    private Channels() {
    }
}
