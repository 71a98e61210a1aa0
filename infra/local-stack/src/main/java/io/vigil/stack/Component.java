package io.vigil.stack;

/** One piece of infrastructure the stack starts and, in reverse order, stops. */
interface Component extends AutoCloseable {

    String name();

    /** Returns once the component accepts clients. */
    void start() throws Exception;

    /** Must not throw: shutdown continues with the next component whatever happens. */
    @Override
    void close();
}
