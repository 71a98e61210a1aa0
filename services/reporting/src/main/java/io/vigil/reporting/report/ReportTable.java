package io.vigil.reporting.report;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * One table of a report, its figures already written for people (small counts suppressed), so HTML, CSV, PDF
 * and JSON show exactly the same.
 *
 * @param key a stable name for machines, e.g. {@code by-category}
 * @param title the heading
 * @param note what a reader must know to read it right, or null
 * @param columns the header row
 * @param rows the rows, each as long as the header; the first cell names the row
 */
@TemplateData
public record ReportTable(String key, String title, String note, List<String> columns, List<List<String>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " does not match the columns " + columns);
            }
        }
    }
}
