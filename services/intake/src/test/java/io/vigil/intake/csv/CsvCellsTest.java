package io.vigil.intake.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "=1+2|'=1+2",
        "+44 1234|'+44 1234",
        "-2|'-2",
        "@SUM(A1)|'@SUM(A1)",
        "plain|plain",
        "a=b|a=b",
        "'already|'already"
    })
    void formulaStartsGetAnApostrophe(String in, String out) {
        assertThat(CsvCells.neutralise(in)).isEqualTo(out);
    }

    @Test
    void tabsCarriageReturnsEmptyAndNull() {
        assertThat(CsvCells.neutralise("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.neutralise("\rcmd")).isEqualTo("'\rcmd");
        assertThat(CsvCells.neutralise("")).isEmpty();
        assertThat(CsvCells.neutralise(null)).isNull();
    }
}
