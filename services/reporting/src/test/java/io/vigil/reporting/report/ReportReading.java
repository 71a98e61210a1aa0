package io.vigil.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a downloaded report back, in each format, into table key → row label → other cells. */
final class ReportReading {

    private ReportReading() {
    }

    /** The tables of the JSON form. */
    static Map<String, Map<String, List<String>>> json(JsonNode report) {
        Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
        for (JsonNode table : report.get("tables")) {
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (JsonNode row : table.get("rows")) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.asText()));
                rows.put(cells.get(0), cells.subList(1, cells.size()));
            }
            tables.put(table.get("key").asText(), rows);
        }
        return tables;
    }

    /** The model's tables. */
    static Map<String, Map<String, List<String>>> model(Report report) {
        Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
        for (ReportTable table : report.tables()) {
            Map<String, List<String>> rows = new LinkedHashMap<>();
            table.rows().forEach(row -> rows.put(row.get(0), row.subList(1, row.size())));
            tables.put(table.key(), rows);
        }
        return tables;
    }

    /**
     * The CSV form parsed as RFC 4180 (quoted fields, doubled quotes, CRLF), as sections: title → rows after
     * the header, each section starting with a one-field title record and ending at an empty record.
     */
    static Map<String, List<List<String>>> csvSections(byte[] csv) {
        List<List<String>> records = parseCsv(new String(csv, StandardCharsets.UTF_8));
        Map<String, List<List<String>>> sections = new LinkedHashMap<>();
        List<List<String>> current = null;
        for (List<String> record : records) {
            if (record.size() == 1 && record.get(0).isEmpty()) {
                current = null;
            } else if (current == null) {
                assertThat(record).as("a section starts with its title alone").hasSize(1);
                current = new ArrayList<>();
                sections.put(record.get(0), current);
            } else {
                current.add(record);
            }
        }
        return sections;
    }

    /** RFC 4180: records end with CRLF; fields with commas, quotes or line breaks are quoted. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("a bare line feed or stray quote is not RFC 4180").isNotIn('\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(record).as("the last record ends with CRLF").isEmpty();
        assertThat(field.toString()).isEmpty();
        return records;
    }

    /** The text of every page of a PDF, as OpenPDF's text extractor reads it. */
    static String pdfText(byte[] pdf) {
        try {
            PdfReader reader = new PdfReader(pdf);
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            reader.close();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that a table appears in the PDF text: its title, and its header line followed by each of its rows,
     * in order. A cell too long for its column wraps onto further lines, so rows are matched in the table's
     * lines joined together. OpenPDF draws a table on its own layer, so the extractor gives a page's table
     * lines after its paragraphs, and a table split across pages has other lines (the next page's paragraphs,
     * the header repeated) between its parts: rows are matched in order, other lines may come between them.
     * The extractor may drop the space between two cells, so lines are compared without whitespace.
     */
    static void assertPdfHasTable(String text, ReportTable table) {
        List<String> lines = text.lines().map(ReportReading::squeeze).filter(l -> !l.isEmpty()).toList();
        assertThat(lines).as("title of %s in the PDF", table.key()).contains(squeeze(table.title()));
        String header = squeeze(String.join("", table.columns()));
        int line = lines.indexOf(header);
        assertThat(line).as("header of %s in the PDF", table.key()).isNotNegative();
        String rows = String.join("", lines.subList(line + 1, lines.size()));
        // Where each line begins in the joined text: a row begins a line.
        Set<Integer> starts = new HashSet<>();
        int start = 0;
        for (String l : lines.subList(line + 1, lines.size())) {
            starts.add(start);
            start += l.length();
        }
        int at = 0;
        for (List<String> row : table.rows()) {
            String expected = squeeze(String.join("", row));
            int found = rows.indexOf(expected, at);
            while (found >= 0 && !starts.contains(found)) {
                found = rows.indexOf(expected, found + 1);
            }
            assertThat(found).as("row %s of %s in the PDF after %s", row, table.key(), rows.substring(at))
                    .isNotNegative();
            at = found + expected.length();
        }
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }
}
