package io.vigil.common.text;

/** Text helpers every service uses on what callers send. */
public final class Strings {

    private Strings() {
    }

    /** The stripped value, or {@code null} when it is absent or blank. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
