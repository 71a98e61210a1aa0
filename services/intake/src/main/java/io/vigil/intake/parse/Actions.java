package io.vigil.intake.parse;

import java.util.Locale;
import java.util.Set;

/** Reads the vendors' words for what they did with a request. */
public final class Actions {

    /** What an appliance did with a request. */
    public enum Verdict {
        /** Stopped: an alert with action {@code blocked}. */
        BLOCKED,
        /** Let through but marked for a look: an alert with action {@code flagged}. */
        FLAGGED,
        /** Let through: counted, no alert. */
        ALLOWED,
        /** A word not known. */
        UNKNOWN
    }

    private static final Set<String> BLOCKED = Set.of("blocked", "block", "deny", "denied", "drop", "dropped",
            "reject", "rejected", "blocked-url", "blocked_url", "forbidden", "banned");
    private static final Set<String> FLAGGED = Set.of("monitor", "monitored", "flag", "flagged", "alert", "alerted",
            "warn", "warned", "warning", "soft-blocked", "soft blocked", "softblocked", "proceeded", "watched");
    private static final Set<String> ALLOWED = Set.of("allow", "allowed", "permit", "permitted", "pass", "passed",
            "passthrough", "pass-through", "accept", "accepted", "exempt", "exempted", "ok", "trusted", "exception");

    private Actions() {
    }

    /** The verdict for an action word, ignoring case and surrounding space; {@code null} is unknown. */
    public static Verdict classify(String action) {
        if (action == null) {
            return Verdict.UNKNOWN;
        }
        String a = action.strip().toLowerCase(Locale.ROOT);
        if (BLOCKED.contains(a)) {
            return Verdict.BLOCKED;
        }
        if (FLAGGED.contains(a)) {
            return Verdict.FLAGGED;
        }
        if (ALLOWED.contains(a)) {
            return Verdict.ALLOWED;
        }
        return Verdict.UNKNOWN;
    }

    /** The reason to give for an allowed request: {@code passthrough} or {@code exempt} as the vendor says, else {@code allowed}. */
    public static String allowedReason(String action) {
        String a = action == null ? "" : action.strip().toLowerCase(Locale.ROOT);
        return a.equals("passthrough") || a.equals("exempt") || a.equals("exception") ? a : "allowed";
    }

    /** The alert action for a blocked or flagged verdict. */
    public static String alertAction(Verdict verdict) {
        return verdict == Verdict.FLAGGED ? ParsedAlert.FLAGGED : ParsedAlert.BLOCKED;
    }
}
