package io.vigil.contracts.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The part a member of staff plays in safeguarding, which decides who is told about what; written
 * in lower case with hyphens on the wire (e.g. {@code deputy-dsl}).
 */
public enum SafeguardingRole {
    NONE, DSL, DEPUTY_DSL, HEAD, CHAIR_OF_GOVERNORS, TRUST_SAFEGUARDING_LEAD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static SafeguardingRole fromWire(String value) {
        return ofWire(value).orElseThrow(() -> new IllegalArgumentException("unknown safeguarding role '" + value + "'"));
    }

    /** The role of a wire name, case-insensitively; empty for anything else. */
    public static Optional<SafeguardingRole> ofWire(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(role -> role.wireName().equalsIgnoreCase(value.strip())).findFirst();
    }
}
