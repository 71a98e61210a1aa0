package io.vigil.stack;

/** One piece of infrastructure the stack starts and, in reverse order, stops. */
interface Component extends AutoCloseable {

    String name();

    /** Returns once the component accepts clients. */
    void start() throws Exception;

    /**
     * Stops the component and starts it again on the same port with the data it had, as an operator's
     * restart would; returns once it accepts clients again. Only components with data say how.
     */
    default void restart() throws Exception {
        throw new UnsupportedOperationException(name() + " cannot be restarted");
    }

    /** Must not throw: shutdown continues with the next component whatever happens. */
    @Override
    void close();
}
