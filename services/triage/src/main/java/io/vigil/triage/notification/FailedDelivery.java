package io.vigil.triage.notification;

import io.vigil.contracts.directory.SafeguardingRole;
import java.util.List;
import java.util.Optional;

/**
 * What a notification that reached nobody means for its incident: a pure function of the failed
 * recipient's role and the incident's state. The role is the prefix of the recipient reference
 * ({@code dsl:north.dsl@…}, {@code role:deputy-dsl} when nobody holds the role, {@code guardian:…}).
 * Only a failure at the step the incident is waiting on moves it, so several failures of one step (two
 * DSL addresses) move it once, and a failure of a step it has already left changes nothing.
 */
public final class FailedDelivery {

    /** What triage does about one failed delivery. */
    public enum Outcome {
        /** The step the incident waits on cannot be reached: one step up its ladder, at once. */
        ESCALATE,
        /** The top of the ladder cannot be reached: recorded, as there is nobody higher. */
        TOP_OF_LADDER,
        /** Someone has acknowledged or closed the case: recorded only. */
        NOT_OPEN,
        /** A silenced incident never escalates: recorded only. */
        SILENCED,
        /** A role the incident is not waiting on (told as well, or not on its ladder): recorded only. */
        NOT_CURRENT_STEP,
        /** A step the incident has already left: nothing changes. */
        ALREADY_PASSED,
        /** A parent or carer: a chronology note for the DSL, never the staff ladder. */
        PARENT_NOT_REACHED
    }

    /** The role of a parent or carer in a recipient reference. */
    public static final String GUARDIAN = "guardian";

    /** The prefix notification uses when nobody holds a role. */
    private static final String UNHELD_ROLE = "role";

    /** Reasons are quoted from notification; this keeps an escalation message readable. */
    static final int MAX_REASON = 500;

    private FailedDelivery() {
    }

    /**
     * The role in {@code recipientRef}: a safeguarding role or {@link #GUARDIAN}; empty when the reference
     * is a bare directory id (whose role only the directory knows).
     */
    public static Optional<String> roleOf(String recipientRef) {
        int colon = recipientRef.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String prefix = recipientRef.substring(0, colon);
        String role = UNHELD_ROLE.equals(prefix) ? recipientRef.substring(colon + 1) : prefix;
        if (GUARDIAN.equals(role)) {
            return Optional.of(GUARDIAN);
        }
        return SafeguardingRole.ofWire(role).filter(known -> known != SafeguardingRole.NONE)
                .map(SafeguardingRole::wireName);
    }

    /**
     * Decides for a failure of {@code role} (null when unknown) on an incident in {@code status} at step
     * {@code level} of {@code ladder}.
     */
    public static Outcome decide(String role, String status, boolean silenced, List<String> ladder, int level) {
        if (GUARDIAN.equals(role)) {
            return Outcome.PARENT_NOT_REACHED;
        }
        if (!"open".equals(status)) {
            return Outcome.NOT_OPEN;
        }
        if (silenced) {
            return Outcome.SILENCED;
        }
        int step = role == null ? -1 : ladder.indexOf(role);
        if (step >= 0 && step < level) {
            return Outcome.ALREADY_PASSED;
        }
        if (step != level) {
            return Outcome.NOT_CURRENT_STEP;
        }
        return level + 1 < ladder.size() ? Outcome.ESCALATE : Outcome.TOP_OF_LADDER;
    }

    /** The escalation's reason, e.g. "Could not reach the dsl by e-mail: mailbox unavailable". */
    public static String escalationReason(String role, String channel, String reason) {
        return "Could not reach the " + role + " " + by(channel) + ": " + shorten(reason);
    }

    /** The chronology note for a parent or carer nobody reached. */
    public static String parentNote(String channel, String reason) {
        return "The parent or carer could not be reached " + by(channel) + ": " + shorten(reason);
    }

    private static String by(String channel) {
        return switch (channel) {
            case "email" -> "by e-mail";
            case "sms" -> "by text message";
            case "webhook" -> "by webhook";
            default -> "by " + channel;
        };
    }

    private static String shorten(String reason) {
        String text = reason.strip();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
