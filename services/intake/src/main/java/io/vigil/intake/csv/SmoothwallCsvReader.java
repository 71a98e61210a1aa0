package io.vigil.intake.csv;

import io.vigil.intake.parse.Digests;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import io.vigil.intake.parse.SmoothwallEntry;
import io.vigil.intake.parse.Texts;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Smoothwall web-filter report exported as CSV and uploaded by a school, one row at a time.
 *
 * <p>The first non-blank row is the header. Columns are matched by name, ignoring case, spacing and
 * order; unknown columns are ignored. Known columns (and the other names accepted for them):
 * Time (Date, Date/Time, Timestamp), Username (User, User name), Source IP (IP, Client IP, IP
 * address), Group, HTTP Code (Status, HTTP Status, Status code, Response code), URL (Request),
 * Categories (Category), Action. Time is required, and URL or Categories: a header without them
 * gives one error and nothing more is read.
 *
 * <p>A row whose action says blocked, or whose HTTP code is 403 (Smoothwall's block page), is a
 * blocked alert; an action of flagged or warned is flagged; every other row is ignored as allowed.
 * Times are {@code 2024-05-01 10:12:01}, ISO-8601, or UK day-first {@code 01/05/2024 10:12:01},
 * read in the school's zone. The event id is a digest of the row's values in a fixed order, so
 * uploading the same export twice raises no new alerts. Every text of an alert is
 * {@linkplain CsvCells#neutralise neutralised}. Blank lines are skipped; a ragged, overlong or
 * unreadable row is an error for that row only.
 */
public final class SmoothwallCsvReader {

    private enum Column { TIME, USER, IP, GROUP, CODE, URL, CATEGORIES, ACTION }

    private static final Map<String, Column> HEADERS = headers();

    private final CsvTokenizer tokenizer;
    private final CsvLimits limits;
    private final ZoneId zone;
    private Map<Column, Integer> columns;
    private int headerSize;
    private int rows;
    private boolean done;

    /**
     * @param reader the uploaded file; not closed here
     * @param limits the bounds on the file
     * @param zone the school's zone, in which the report's times are read
     */
    public SmoothwallCsvReader(Reader reader, CsvLimits limits, ZoneId zone) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.tokenizer = new CsvTokenizer(Objects.requireNonNull(reader, "reader"), ',', limits.maxRowChars(),
                limits.maxCells());
    }

    /** The next row, or empty when the file has been read (or reading stopped at an error that ends it). */
    public Optional<CsvRow> next() {
        if (done) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read());
        } catch (IOException e) {
            done = true;
            return Optional.of(new CsvRow.Error(0, "could not read the file: " + Texts.clip(e.getMessage(), 200)));
        } catch (RuntimeException e) {
            return Optional.of(new CsvRow.Error(0, "reader error: " + e.getClass().getSimpleName()));
        }
    }

    private CsvRow read() throws IOException {
        CsvTokenizer.Record record;
        do {
            record = tokenizer.next();
            if (record == null) {
                done = true;
                return null;
            }
        } while (record.isBlank());
        if (columns == null) {
            return header(record);
        }
        if (++rows > limits.maxRows()) {
            done = true;
            return new CsvRow.Error(record.line(),
                    "more than " + limits.maxRows() + " rows: the rest of the file was not read");
        }
        if (record.error() != null) {
            return new CsvRow.Error(record.line(), record.error());
        }
        List<String> cells = record.cells();
        if (cells.size() != headerSize) {
            return new CsvRow.Error(record.line(),
                    "row has " + cells.size() + " cells, the header has " + headerSize);
        }
        SmoothwallEntry entry = new SmoothwallEntry(cell(cells, Column.TIME), cell(cells, Column.USER),
                cell(cells, Column.IP), cell(cells, Column.GROUP), cell(cells, Column.CODE), cell(cells, Column.URL),
                cell(cells, Column.CATEGORIES), cell(cells, Column.ACTION));
        Instant time = entry.instant(zone);
        if (time == null) {
            return new CsvRow.Error(record.line(), entry.time() == null ? "no time"
                    : "unreadable time: " + CsvCells.neutralise(Texts.clip(entry.time(), 40)));
        }
        ParseOutcome outcome = entry.outcome(Digests.ofNormalised(entry.canonical(time)), time);
        return new CsvRow.Accepted(record.line(), neutralised(outcome));
    }

    private CsvRow header(CsvTokenizer.Record record) throws IOException {
        if (record.error() != null) {
            done = true;
            return new CsvRow.Error(record.line(), "header: " + record.error());
        }
        Map<Column, Integer> found = new HashMap<>();
        List<String> cells = record.cells();
        for (int i = 0; i < cells.size(); i++) {
            Column column = HEADERS.get(cells.get(i).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
            if (column != null) {
                found.putIfAbsent(column, i);
            }
        }
        List<String> missing = new ArrayList<>();
        if (!found.containsKey(Column.TIME)) {
            missing.add("Time");
        }
        if (!found.containsKey(Column.URL) && !found.containsKey(Column.CATEGORIES)) {
            missing.add("URL or Categories");
        }
        if (!missing.isEmpty()) {
            done = true;
            return new CsvRow.Error(record.line(), "header lacks the column " + String.join(" and the column ", missing));
        }
        columns = found;
        headerSize = cells.size();
        return read();
    }

    private String cell(List<String> cells, Column column) {
        Integer index = columns.get(column);
        return index == null ? null : cells.get(index);
    }

    private static ParseOutcome neutralised(ParseOutcome outcome) {
        if (!(outcome instanceof ParseOutcome.Alert alert)) {
            return outcome;
        }
        ParsedAlert a = alert.alert();
        return new ParseOutcome.Alert(new ParsedAlert(a.sourceEventId(), a.occurredAt(),
                CsvCells.neutralise(a.category()), CsvCells.neutralise(a.action()), CsvCells.neutralise(a.user()),
                CsvCells.neutralise(a.device()), CsvCells.neutralise(a.url()), a.vendorSeverity()));
    }

    private static Map<String, Column> headers() {
        Map<String, Column> h = new HashMap<>();
        for (String name : List.of("time", "date", "date/time", "date time", "datetime", "timestamp")) {
            h.put(name, Column.TIME);
        }
        for (String name : List.of("username", "user", "user name")) {
            h.put(name, Column.USER);
        }
        for (String name : List.of("source ip", "ip", "client ip", "ip address", "source ip address")) {
            h.put(name, Column.IP);
        }
        h.put("group", Column.GROUP);
        for (String name : List.of("http code", "status", "http status", "status code", "response code")) {
            h.put(name, Column.CODE);
        }
        for (String name : List.of("url", "request")) {
            h.put(name, Column.URL);
        }
        for (String name : List.of("categories", "category")) {
            h.put(name, Column.CATEGORIES);
        }
        h.put("action", Column.ACTION);
        return Map.copyOf(h);
    }
}
