package io.vigil.contracts.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an alert came from: a filtering appliance, a monitoring tool, or a person. */
public enum SourceKind {
    FILTERING, MONITORING, STAFF, APP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SourceKind fromWire(String value) {
        return SourceKind.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
