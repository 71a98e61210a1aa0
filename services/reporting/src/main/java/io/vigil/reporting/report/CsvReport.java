package io.vigil.reporting.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as CSV (RFC 4180, UTF-8, CRLF): one section per table, each a row holding the table's title, its
 * header row and its rows, sections separated by an empty line. Nothing in it starts a spreadsheet formula.
 */
final class CsvReport {

    private static final String CRLF = "\r\n";

    private CsvReport() {
    }

    static byte[] render(Report report) {
        StringBuilder csv = new StringBuilder();
        List<List<String>> about = new ArrayList<>();
        about.add(List.of("Report", report.title()));
        about.add(List.of("Trust", report.trustId()));
        if (report.schoolId() != null) {
            about.add(List.of("School", report.schoolId()));
        }
        about.add(List.of("Period", report.period().id()));
        about.add(List.of("From", report.period().from().toString()));
        about.add(List.of("To", report.period().to().toString()));
        about.add(List.of("Generated at", report.generatedAt().toString()));
        section(csv, "About this report", List.of("Item", "Value"), about);
        section(csv, "How to read it", List.of("Note"), report.notes().stream().map(List::of).toList());
        for (ReportTable table : report.tables()) {
            section(csv, table.title(), table.columns(), table.rows());
        }
        section(csv, Report.ASSURANCE_TITLE, report.assurance().columns(), report.assurance().rows());
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void section(StringBuilder csv, String title, List<String> columns, List<List<String>> rows) {
        if (!csv.isEmpty()) {
            csv.append(CRLF);
        }
        row(csv, List.of(title));
        row(csv, columns);
        rows.forEach(row -> row(csv, row));
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(cells.get(i)));
        }
        csv.append(CRLF);
    }

    /** A field, quoted when it must be; a text a spreadsheet would take for a formula gets a leading apostrophe. */
    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]\\d+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
