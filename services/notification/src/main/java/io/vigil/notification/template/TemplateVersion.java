package io.vigil.notification.template;

import java.time.Instant;

/**
 * One version of the wording of a (key, language): version 1 is the wording Vigil ships, and a
 * trust's own versions continue from it (2, 3, …), so a reference names one wording exactly.
 */
public record TemplateVersion(TemplateKey key, String language, int version, boolean shipped, TemplateText text,
        String changedBy, Instant changedAt, String reason) {

    /** The version number of the wording Vigil ships. */
    public static final int SHIPPED_VERSION = 1;

    /** E.g. {@code parent-filtering-breach.v3.pl}: what the delivery ledger records as the template id. */
    public String ref() {
        return key.key() + ".v" + version + "." + language;
    }

    /** {@code shipped} for Vigil's wording, {@code trust} for the trust's own. */
    public String source() {
        return shipped ? "shipped" : "trust";
    }

    static TemplateVersion shipped(TemplateKey key, String language, TemplateText text) {
        return new TemplateVersion(key, language, SHIPPED_VERSION, true, text, null, null, null);
    }
}
