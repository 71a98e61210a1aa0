package io.vigil.intake.csv;

/**
 * Keeps text from an uploaded spreadsheet from running as a formula when Vigil shows or exports it
 * again: a value starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * gets a leading apostrophe.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** The value with a leading {@code '} when it could be read as a formula; {@code null} stays {@code null}. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
