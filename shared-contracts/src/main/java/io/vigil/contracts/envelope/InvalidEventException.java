package io.vigil.contracts.envelope;

/** A record that is not a valid Vigil event; consumers send it to the dead-letter topic with this message. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
