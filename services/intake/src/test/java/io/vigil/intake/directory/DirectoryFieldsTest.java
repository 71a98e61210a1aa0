package io.vigil.intake.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.problem.Problem;
import io.vigil.contracts.directory.DirectoryAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How one directory record's fields are read, without I/O. */
class DirectoryFieldsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"x\")|HYPERLINK(\"x\")",
            "+SUM(A1)|SUM(A1)",
            "-2+3|2+3",
            "@cmd|cmd",
            "=+-@ Ms Jones|Ms Jones",
            "Ms Jones-Smith|Ms Jones-Smith",
            "'=quoted|'=quoted"})
    void textLosesLeadingFormulaCharacters(String sent, String kept) {
        assertThat(FieldReader.defuse(sent)).isEqualTo(kept);
    }

    @Test
    void aCellOfOnlyFormulaCharactersIsAbsent() {
        assertThat(FieldReader.defuse("=@ ")).isNull();
    }

    @Test
    void accountsWrittenAsTextAreReadSortedWithoutRepeats() {
        FieldReader reader = reader("accounts", "appl-1|Jo.Bloggs|;|jo.bloggs;|=jb|DEVICE-7;|jo.bloggs|");

        assertThat(reader.accounts("accounts")).containsExactly(
                new DirectoryAccount(null, "jb", "DEVICE-7"),
                new DirectoryAccount(null, "jo.bloggs", null),
                new DirectoryAccount("appl-1", "Jo.Bloggs", null));
        assertThat(reader.errors()).isEmpty();
    }

    @Test
    void anAccountWithNeitherUserNameNorDeviceIsNamed() {
        FieldReader reader = reader("accounts", "appl-1||");
        reader.accounts("accounts");
        assertThat(reader.errors()).extracting(Problem.FieldError::field).containsExactly("records[4].accounts[0]");
    }

    @ParameterizedTest
    @CsvSource({"+44 7700 900123,+447700900123", "07700 900123,07700900123", "(01632) 960-001,01632960001"})
    void mobileNumbersKeepOnlyTheirDigitsAndLeadingPlus(String sent, String kept) {
        assertThat(reader("mobile", sent).mobile("mobile")).isEqualTo(kept);
    }

    @ParameterizedTest
    @CsvSource({"=1+1", "+44 HYPERLINK", "12"})
    void aMobileThatIsNotANumberIsNamed(String sent) {
        FieldReader reader = reader("mobile", sent);
        assertThat(reader.mobile("mobile")).isNull();
        assertThat(reader.errors()).extracting(Problem.FieldError::field).containsExactly("records[4].mobile");
    }

    @ParameterizedTest
    @CsvSource({"=cmd@x.example", "@x.example", "no-at-sign", "a@b"})
    void anEmailThatIsNotAnAddressIsNamed(String sent) {
        FieldReader reader = reader("email", sent);
        assertThat(reader.email("email")).isNull();
        assertThat(reader.errors()).extracting(Problem.FieldError::field).containsExactly("records[4].email");
    }

    private static FieldReader reader(String field, String value) {
        ObjectNode record = JsonNodeFactory.instance.objectNode().put(field, value);
        return new FieldReader(4, record);
    }
}
