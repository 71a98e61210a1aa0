package io.vigil.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmoothwallCsvReaderTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static List<CsvRow> read(String csv) {
        return read(csv, CsvLimits.DEFAULTS);
    }

    private static List<CsvRow> read(String csv, CsvLimits limits) {
        SmoothwallCsvReader reader = new SmoothwallCsvReader(new StringReader(csv), limits, LONDON);
        List<CsvRow> rows = new ArrayList<>();
        for (Optional<CsvRow> row = reader.next(); row.isPresent(); row = reader.next()) {
            rows.add(row.get());
        }
        assertThat(reader.next()).isEmpty();
        return rows;
    }

    private static ParsedAlert alertOf(CsvRow row) {
        assertThat(row).isInstanceOf(CsvRow.Accepted.class);
        ParseOutcome outcome = ((CsvRow.Accepted) row).outcome();
        assertThat(outcome).isInstanceOf(ParseOutcome.Alert.class);
        return ((ParseOutcome.Alert) outcome).alert();
    }

    @Test
    void blockedAllowedAndDayFirstRows() {
        List<CsvRow> rows = read("""
                Time,Username,Source IP,Group,HTTP Code,URL,Categories
                2024-05-01 10:12:01,jsmith,10.0.0.5,Pupils,403,http://adult.example.com/,"Pornography, Adult"
                01/05/2024 10:13:00,jsmith,10.0.0.5,Pupils,200,http://bbc.co.uk/news,News
                """);
        assertThat(rows).hasSize(2);
        ParsedAlert a = alertOf(rows.get(0));
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Pornography, Adult");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.device()).isEqualTo("10.0.0.5");
        assertThat(a.url()).isEqualTo("http://adult.example.com/");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).startsWith("sha256:");
        assertThat(rows.get(1)).isEqualTo(new CsvRow.Accepted(3, new ParseOutcome.Ignored("allowed")));
    }

    @Test
    void headersMatchIgnoringCaseAndOrderAndUnknownColumnsAreIgnored() {
        List<CsvRow> rows = read("""
                \uFEFFcategories,EXTRA,url, time ,action,username
                Gambling,whatever,http://g.example/,2024-05-01 10:12:01,Blocked,asmith
                Games,x,http://h.example/,2024-05-01 10:12:02,warned,asmith
                """);
        assertThat(alertOf(rows.get(0)).category()).isEqualTo("Gambling");
        assertThat(alertOf(rows.get(0)).action()).isEqualTo("blocked");
        assertThat(alertOf(rows.get(1)).action()).isEqualTo("flagged");
    }

    @Test
    void theSameRowGetsTheSameIdWhateverTheColumnOrder() {
        String a = alertOf(read("Time,URL,Categories,HTTP Code\n2024-05-01 10:12:01,http://g.example/,Gambling,403\n")
                .get(0)).sourceEventId();
        String b = alertOf(read("HTTP Code,Categories,URL,Time\n403,Gambling,http://g.example/,01/05/2024 10:12:01\n")
                .get(0)).sourceEventId();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void formulaCellsAreNeutralised() {
        ParsedAlert a = alertOf(read("Time,Username,Source IP,HTTP Code,URL,Categories\n"
                + "2024-05-01 10:12:01,=HYPERLINK(\"http://evil\"),+44,403,@SUM(1),-Pornography\n").get(0));
        assertThat(a.user()).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(a.device()).isEqualTo("'+44");
        assertThat(a.url()).isEqualTo("'@SUM(1)");
        assertThat(a.category()).isEqualTo("'-Pornography");
    }

    @Test
    void multiLineCellsBlankLinesAndRaggedRows() {
        List<CsvRow> rows = read("""
                Time,URL,Categories,HTTP Code

                2024-05-01 10:12:01,http://a.example/,"Adult
                Content",403
                2024-05-01 10:12:01,http://b.example/
                2024-05-01 10:12:01,http://c.example/,Games,403,extra

                nonsense,http://d.example/,Games,403
                ,http://e.example/,Games,403
                """);
        assertThat(rows).hasSize(5);
        assertThat(alertOf(rows.get(0)).category()).isEqualTo("Adult\nContent");
        assertThat(rows.get(0).line()).isEqualTo(3);
        assertThat(rows.get(1)).isEqualTo(new CsvRow.Error(5, "row has 2 cells, the header has 4"));
        assertThat(rows.get(2)).isEqualTo(new CsvRow.Error(6, "row has 5 cells, the header has 4"));
        assertThat(rows.get(3)).isEqualTo(new CsvRow.Error(8, "unreadable time: nonsense"));
        assertThat(rows.get(4)).isEqualTo(new CsvRow.Error(9, "no time"));
    }

    @Test
    void crlfLineEndingsAndQuotedQuotes() {
        List<CsvRow> rows = read("Time,URL,Categories,HTTP Code\r\n2024-05-01 10:12:01,http://a.example/,\"Say \"\"hi\"\"\",403\r\n");
        assertThat(alertOf(rows.get(0)).category()).isEqualTo("Say \"hi\"");
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsOneError() {
        assertThat(read("User,Group\njsmith,Pupils\n"))
                .containsExactly(new CsvRow.Error(1, "header lacks the column Time and the column URL or Categories"));
        assertThat(read("Time,Username\n2024-05-01 10:00:00,jsmith\n"))
                .containsExactly(new CsvRow.Error(1, "header lacks the column URL or Categories"));
    }

    @Test
    void anEmptyFileHasNoRows() {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
        assertThat(read("Time,URL\n")).isEmpty();
    }

    @Test
    void tooManyRowsStopsWithOneError() {
        StringBuilder csv = new StringBuilder("Time,URL,HTTP Code\n");
        for (int i = 0; i < 5; i++) {
            csv.append("2024-05-01 10:12:01,http://a.example/").append(i).append(",200\n");
        }
        List<CsvRow> rows = read(csv.toString(), new CsvLimits(3, 1000, 10));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3)).isEqualTo(new CsvRow.Error(5, "more than 3 rows: the rest of the file was not read"));
    }

    @Test
    void overlongRowsAndTooManyCellsAreErrorsForThatRowOnly() {
        List<CsvRow> rows = read("Time,URL,HTTP Code\n"
                + "2024-05-01 10:12:01,\"http://a.example/" + "x".repeat(200) + "\",403\n"
                + "1,2,3,4,5,6,7,8,9,10,11,12\n"
                + "2024-05-01 10:12:01,http://ok.example/,403\n", new CsvLimits(100, 100, 10));
        assertThat(rows).containsExactly(
                new CsvRow.Error(2, "row longer than 100 characters"),
                new CsvRow.Error(3, "row has more than 10 cells"),
                rows.get(2));
        assertThat(alertOf(rows.get(2)).url()).isEqualTo("http://ok.example/");
    }

    @Test
    void anUnclosedQuoteIsAnErrorAtTheEnd() {
        List<CsvRow> rows = read("Time,URL\n2024-05-01 10:12:01,\"http://a.example/\n2024-05-01 10:12:01,x\n");
        assertThat(rows).containsExactly(new CsvRow.Error(2, "quoted cell not closed before the end of the file"));
    }
}
