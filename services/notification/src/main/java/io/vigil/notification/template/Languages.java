package io.vigil.notification.template;

import java.util.Locale;
import java.util.regex.Pattern;

/** Language codes as templates are stored under: ISO 639 codes in lower case, region dropped. */
public final class Languages {

    public static final String ENGLISH = "en";

    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

    private Languages() {
    }

    /** {@code pl-PL}, {@code PL} and {@code pl} are all {@code pl}; null or blank is English. */
    public static String normalise(String language) {
        if (language == null || language.isBlank()) {
            return ENGLISH;
        }
        String primary = language.strip().split("[-_]", 2)[0];
        return primary.toLowerCase(Locale.ROOT);
    }

    /** Whether a (normalised) code looks like a language code at all. */
    public static boolean isValid(String normalised) {
        return CODE.matcher(normalised).matches();
    }
}
