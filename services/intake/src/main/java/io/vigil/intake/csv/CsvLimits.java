package io.vigil.intake.csv;

/**
 * Bounds on an uploaded report, so one upload cannot take unbounded time or memory.
 *
 * @param maxRows the most data rows read; the row after them is an error and reading stops
 * @param maxRowChars the most characters in one row
 * @param maxCells the most cells in one row
 */
public record CsvLimits(int maxRows, int maxRowChars, int maxCells) {

    /** 100,000 rows, 16,384 characters a row, 64 cells a row. */
    public static final CsvLimits DEFAULTS = new CsvLimits(100_000, 16_384, 64);

    public CsvLimits {
        if (maxRows < 1 || maxRowChars < 1 || maxCells < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
