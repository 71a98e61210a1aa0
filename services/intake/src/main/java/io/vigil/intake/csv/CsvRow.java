package io.vigil.intake.csv;

import io.vigil.intake.parse.ParseOutcome;

/** One row of an uploaded report: read (into an alert, or counted as allowed), or an error to show the uploader. */
public sealed interface CsvRow permits CsvRow.Accepted, CsvRow.Error {

    /** The line of the file on which the row starts (1 is the header's first line). */
    int line();

    /** A row that was read; its outcome is an alert or an ignored (allowed) request. */
    record Accepted(int line, ParseOutcome outcome) implements CsvRow {
    }

    /** A row that could not be read, with the reason. */
    record Error(int line, String reason) implements CsvRow {
    }
}
