package io.vigil.common.inbox;

/**
 * An event that can never be processed, however often it is retried (it breaks the contract or
 * refers to something that cannot exist). It goes to the dead-letter topic at once, with this
 * message as the reason.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
