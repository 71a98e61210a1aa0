package io.vigil.contracts.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why an incident was escalated, so a message can use the right words; written in kebab case on the
 * wire.
 */
public enum EscalationCause {
    /** Nobody acknowledged it by its deadline. */
    ACKNOWLEDGEMENT_OVERDUE,
    /** A case about a member of staff passed its LADO timer without the LADO being consulted. */
    LADO_TIMER,
    /** The person at the current step could not be reached (a notification to them failed for good). */
    UNREACHABLE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static EscalationCause fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an escalation cause: " + value));
    }
}
