package io.vigil.intake.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an upload as a stream of records, one JSON object each, without holding the request body
 * as a whole: a JSON array of objects, or CSV with a header row naming the fields (every cell then a
 * string). It stops as soon as the upload holds more than {@link DirectoryFeed#MAX_RECORDS} records
 * (413), and refuses a body it cannot read (400); a record that is not an object is kept as an
 * empty one, so it is rejected with its own field errors.
 */
final class UploadReader {

    /** Longest value accepted in one field or cell; far beyond any real one. */
    private static final int MAX_VALUE_LENGTH = 10_000;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(MAX_VALUE_LENGTH).maxNestingDepth(8).build();
    private static final ObjectMapper JSON = JsonMapper.builder(
            com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(LIMITS).build()).build();
    private static final CsvMapper CSV = CsvMapper.builder(CsvFactory.builder().streamReadConstraints(LIMITS).build())
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private UploadReader() {
    }

    static List<ObjectNode> json(InputStream body) {
        List<ObjectNode> records = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw malformed("The body must be a JSON array of records");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw malformed("The JSON array is not closed");
                }
                JsonNode record = JSON.readTree(parser);
                add(records, record instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode());
            }
        } catch (JsonProcessingException e) {
            throw malformed("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static List<ObjectNode> csv(InputStream body) {
        List<ObjectNode> records = new ArrayList<>();
        CsvSchema withHeader = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(withHeader)
                .readValues(body)) {
            while (rows.hasNextValue()) {
                ObjectNode record = JsonNodeFactory.instance.objectNode();
                rows.nextValue().forEach((name, cell) -> record.put(headerName(name), cell));
                add(records, record);
            }
        } catch (JsonProcessingException e) {
            throw malformed("The CSV cannot be read: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (CharConversionException e) {
            // The CSV reader decodes UTF-8 itself and reports bytes that are not as an I/O error.
            throw malformed("The CSV is not UTF-8 text: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw malformed("The CSV cannot be read: " + cause.getOriginalMessage());
            }
            throw e;
        }
        return records;
    }

    private static void add(List<ObjectNode> records, ObjectNode record) {
        if (records.size() == DirectoryFeed.MAX_RECORDS) {
            throw new ProblemException(Problem.of("too-many-records", "Too many records", 413,
                    "An upload holds at most " + DirectoryFeed.MAX_RECORDS + " records; split it"));
        }
        records.add(record);
    }

    /** A header cell as a field name; a spreadsheet may put a byte-order mark before the first. */
    private static String headerName(String name) {
        return name.replace("\uFEFF", "").strip();
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(Problem.of("malformed-body", "Malformed request body", 400, detail));
    }
}
