package io.vigil.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SmoothwallCsvReaderProperties {

    private static final CsvLimits LIMITS = new CsvLimits(50, 500, 16);
    private static final String HEADER = "Time,Username,Source IP,Group,HTTP Code,URL,Categories\n";

    @Provide
    Arbitrary<String> csvLike() {
        Arbitrary<String> body = Arbitraries.strings().withChars(",\"\n\r =+-@\t01/:2024-05 abcé\uFEFF").ofMaxLength(600);
        return Combinators.combine(Arbitraries.of(HEADER, "", "\uFEFF" + HEADER, "time,url\r\n"), body)
                .as(String::concat);
    }

    @Property
    void anyTextGivesRowsAndEnds(@ForAll String text) {
        assertReadable(text);
    }

    @Property
    void csvLikeTextGivesRowsAndEnds(@ForAll("csvLike") String text) {
        assertReadable(text);
    }

    private static void assertReadable(String text) {
        SmoothwallCsvReader reader = new SmoothwallCsvReader(new StringReader(text), LIMITS, ZoneId.of("Europe/London"));
        int rows = 0;
        int lastLine = 0;
        for (Optional<CsvRow> row = reader.next(); row.isPresent(); row = reader.next()) {
            rows++;
            assertThat(rows).isLessThanOrEqualTo(text.length() + 2);
            CsvRow r = row.get();
            assertThat(r.line()).isGreaterThan(lastLine);
            lastLine = r.line();
            if (r instanceof CsvRow.Error error) {
                assertThat(error.reason()).doesNotStartWith("reader error");
            } else {
                assertThat(((CsvRow.Accepted) r).outcome()).isNotNull();
            }
        }
        assertThat(reader.next()).isEmpty();
    }

    @Property
    void neutralisedCellsNeverStartAFormula(@ForAll String cell) {
        String out = CsvCells.neutralise(cell);
        assertThat(out.isEmpty() || "=+-@\t\r".indexOf(out.charAt(0)) < 0).isTrue();
    }
}
