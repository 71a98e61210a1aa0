package io.vigil.common.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work to do once the current transaction has committed, and never if it rolls back. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} on the committing thread after the current transaction commits. */
    public static void run(TransactionSynchronizationRegistry synchronizations, Runnable action) {
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
