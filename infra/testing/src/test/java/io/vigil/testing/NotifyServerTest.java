package io.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotifyServerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "ok", delimiter = '|', value = {
            "07700 900123      | ok",
            "+44 7700 900123   | ok",
            "0044 (7700) 900-123 | ok",
            "447700900123      | ok",
            "020 7946 0123     | Not a UK mobile number",
            "07700 90012       | Not enough digits",
            "07700 9001234     | Too many digits",
            "07700 9OO123      | Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -",
    })
    void checksUkMobileNumbersAsNotifyDoes(String number, String problem) {
        assertEquals(problem, NotifyServer.ukMobileProblem(number.strip()));
    }
}
