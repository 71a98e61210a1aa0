package io.vigil.intake.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records from a stream, one at a time: quoted cells may hold the delimiter, line
 * breaks and doubled quotes; CRLF, LF and CR end a record; a byte-order mark at the start is
 * dropped. A record over the character or cell bound is still read to its end (so the next record
 * starts in the right place) but kept only as an error; memory stays bounded by the bounds.
 */
public final class CsvTokenizer {

    /**
     * One record: its cells, or the reason it could not be kept.
     *
     * @param line the line of the file on which the record starts (1 is the first)
     * @param cells the cells as read (empty when {@code error} is set)
     * @param error why the record was not kept, or {@code null}
     */
    public record Record(int line, List<String> cells, String error) {

        /** Whether the record is a blank line. */
        public boolean isBlank() {
            return error == null && cells.size() == 1 && cells.get(0).isBlank();
        }
    }

    private final Reader reader;
    private final char delimiter;
    private final int maxRowChars;
    private final int maxCells;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int line = 1;
    private boolean started;
    private boolean ended;

    /**
     * @param reader the text to read; not closed here
     * @param delimiter the cell delimiter, usually a comma
     * @param maxRowChars the most characters a record may have
     * @param maxCells the most cells a record may have
     */
    public CsvTokenizer(Reader reader, char delimiter, int maxRowChars, int maxCells) {
        this.reader = reader;
        this.delimiter = delimiter;
        this.maxRowChars = maxRowChars;
        this.maxCells = maxCells;
    }

    /** Splits one line of text into cells within the bounds; the text after a line break outside quotes is not read. */
    public static Record splitLine(String text, char delimiter, int maxRowChars, int maxCells) {
        try {
            Record record = new CsvTokenizer(new StringReader(text), delimiter, maxRowChars, maxCells).next();
            return record == null ? new Record(1, List.of(""), null) : record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next record, or {@code null} at the end of the stream. */
    public Record next() throws IOException {
        if (ended) {
            return null;
        }
        int startLine = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String error = null;
        boolean quoted = false;
        boolean any = false;
        long chars = 0;
        while (true) {
            int c = read();
            if (c < 0) {
                ended = true;
                if (!any) {
                    return null;
                }
                if (quoted && error == null) {
                    error = "quoted cell not closed before the end of the file";
                }
                break;
            }
            any = true;
            if (++chars > maxRowChars && error == null) {
                error = "row longer than " + maxRowChars + " characters";
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append(cell, '"', error);
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(cell, (char) c, error);
                }
            } else if (c == delimiter) {
                error = endCell(cells, cell, error);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else {
                append(cell, (char) c, error);
            }
        }
        error = endCell(cells, cell, error);
        return error == null ? new Record(startLine, List.copyOf(cells), null) : new Record(startLine, List.of(), error);
    }

    private String endCell(List<String> cells, StringBuilder cell, String error) {
        if (error == null) {
            if (cells.size() >= maxCells) {
                cells.clear();
                return "row has more than " + maxCells + " cells";
            }
            cells.add(cell.toString());
        }
        cell.setLength(0);
        return error;
    }

    private static void append(StringBuilder cell, char c, String error) {
        if (error == null) {
            cell.append(c);
        }
    }

    private int read() throws IOException {
        if (position >= limit && !fill()) {
            return -1;
        }
        char c = buffer[position++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        return c;
    }

    private int peek() throws IOException {
        if (position >= limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
