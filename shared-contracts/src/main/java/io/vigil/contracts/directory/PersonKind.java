package io.vigil.contracts.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which kind of person a directory record describes; written in lower case on the wire. */
public enum PersonKind {
    LEARNER, GUARDIAN, STAFF;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PersonKind fromWire(String value) {
        return PersonKind.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
