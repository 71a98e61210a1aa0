package io.vigil.contracts.taxonomy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** KCSIE's four areas of online risk. */
public enum FourCs {
    /** Being exposed to illegal, inappropriate or harmful content. */
    CONTENT,
    /** Being subjected to harmful online interaction with other users. */
    CONTACT,
    /** Online behaviour that increases the likelihood of, or causes, harm. */
    CONDUCT,
    /** Risks such as online gambling, inappropriate advertising, phishing or financial scams. */
    COMMERCE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FourCs fromWire(String value) {
        return FourCs.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
