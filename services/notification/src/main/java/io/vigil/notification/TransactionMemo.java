package io.vigil.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Look-ups remembered for the rest of one transaction, for work that plans many messages together
 * (the incident consumer's poll): a school's contacts, its channels, a person's preferences, a
 * trust's wording and destinations are read once per transaction instead of once per event. Only
 * inside {@link #during}; everywhere else every look-up reads the database as before. Nothing the
 * remembering transaction itself changes may be remembered, except the ledger rows and incidents it
 * declares through {@link #preload} and {@link #added}.
 */
@ApplicationScoped
public class TransactionMemo {

    private static final Object MEMO = new Object();

    @Inject
    TransactionSynchronizationRegistry synchronizations;

    /** Runs {@code work} with look-ups remembered until it returns; must run inside a transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T during(Supplier<T> work) {
        if (synchronizations.getResource(MEMO) != null) {
            return work.get();
        }
        synchronizations.putResource(MEMO, new HashMap<>());
        try {
            return work.get();
        } finally {
            synchronizations.putResource(MEMO, null);
        }
    }

    /** The remembered value for {@code key}, or {@code load}'s (remembered when a memo is active). */
    @SuppressWarnings("unchecked")
    public <T> T get(List<?> key, Supplier<T> load) {
        Map<Object, Object> memo = active();
        if (memo == null) {
            return load.get();
        }
        if (memo.containsKey(key)) {
            return (T) memo.get(key);
        }
        T value = load.get();
        memo.put(key, value);
        return value;
    }

    /**
     * Declares every row of {@code type} that exists among those the work may ask about: until the
     * memo ends, {@link #exists} answers from these (and those {@link #added}) without reading.
     */
    public void preload(Class<?> type, Collection<?> existingIds) {
        Map<Object, Object> memo = active();
        if (memo != null) {
            memo.put(type, new HashSet<Object>(existingIds));
        }
    }

    /** Whether a row of {@code type} with {@code id} exists: from the preloaded ids, or by {@code read}. */
    public boolean exists(Class<?> type, Object id, BooleanSupplier read) {
        Set<Object> known = known(type);
        return known != null ? known.contains(id) : read.getAsBoolean();
    }

    /** Records that the transaction has just written a row of a preloaded {@code type}. */
    public void added(Class<?> type, Object id) {
        Set<Object> known = known(type);
        if (known != null) {
            known.add(id);
        }
    }

    @SuppressWarnings("unchecked")
    private Set<Object> known(Class<?> type) {
        Map<Object, Object> memo = active();
        return memo == null ? null : (Set<Object>) memo.get(type);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> active() {
        if (synchronizations.getTransactionKey() == null) {
            return null;
        }
        return (Map<Object, Object>) synchronizations.getResource(MEMO);
    }
}
