package io.vigil.intake.parse;

/** Small text helpers shared by the parsers. */
public final class Texts {

    private Texts() {
    }

    /** The stripped value, or {@code null} when it is absent, blank, {@code -} or {@code N/A}. */
    public static String present(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty() || stripped.equals("-") || stripped.equalsIgnoreCase("n/a")) {
            return null;
        }
        return stripped;
    }

    /** The first argument that is not {@code null}, or {@code null}. */
    @SafeVarargs
    public static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** At most {@code max} characters of the text, for quoting it in a reason. */
    public static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
