package io.vigil.intake.parse;

/**
 * Bounds on what a parser reads from one line, so a broken or hostile appliance cannot make intake
 * spend unbounded time or memory. A line over a bound is quarantined with the bound named.
 *
 * @param maxLineLength the longest line, in characters
 * @param maxFields the most fields (key=value pairs, columns) in a line
 * @param maxFieldLength the longest single value, in characters
 */
public record ParserLimits(int maxLineLength, int maxFields, int maxFieldLength) {

    /** 8,192 characters a line, 256 fields, 4,096 characters a value. */
    public static final ParserLimits DEFAULTS = new ParserLimits(8192, 256, 4096);

    public ParserLimits {
        if (maxLineLength < 1 || maxFields < 1 || maxFieldLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The reason to reject a line of this length, or {@code null} when it is within bounds. */
    public String checkLine(String line) {
        return line.length() > maxLineLength ? "line longer than " + maxLineLength + " characters" : null;
    }

    /** The reason to reject this many fields, or {@code null} when it is within bounds. */
    public String checkFieldCount(int fields) {
        return fields > maxFields ? "more than " + maxFields + " fields" : null;
    }

    /** The reason to reject this value, or {@code null} when it is within bounds. */
    public String checkField(String name, String value) {
        return value != null && value.length() > maxFieldLength ? fieldTooLong(name) : null;
    }

    /** The reason to reject a field that is longer than {@link #maxFieldLength()}. */
    public String fieldTooLong(String name) {
        return "field " + name + " longer than " + maxFieldLength + " characters";
    }
}
