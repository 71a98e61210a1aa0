package io.vigil.intake.syslog;

/**
 * One syslog message cut from an appliance's stream or datagram, or the reason a piece of the
 * stream could not be read (it then goes to quarantine). Exactly one of the two is non-null.
 *
 * @param text the message as UTF-8 text (bad bytes replaced), or {@code null}
 * @param error why this part of the stream was dropped, or {@code null}
 */
public record Frame(String text, String error) {

    public Frame {
        if ((text == null) == (error == null)) {
            throw new IllegalArgumentException("a frame has either text or an error");
        }
    }

    /** A frame holding a message. */
    public static Frame ofText(String text) {
        return new Frame(text, null);
    }

    /** A frame holding the reason part of the stream was dropped. */
    public static Frame ofError(String error) {
        return new Frame(null, error);
    }

    /** Whether this frame is an error. */
    public boolean isError() {
        return error != null;
    }
}
