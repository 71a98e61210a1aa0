package io.vigil.intake.syslog.vendor;

import static io.vigil.intake.syslog.vendor.VendorParserTesting.alert;
import static io.vigil.intake.syslog.vendor.VendorParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sample lines in e2guardian's access-log formats (its {@code logfileformat} setting): 1 space-separated,
 * 2 quoted CSV, 3 Squid, and tab-separated; the columns follow e2guardian's own (date, time, user,
 * ip, url, what, method, size, weight, category, group, code, mime type, ...).
 */
class E2GuardianParserTest {

    @Test
    void format1DeniedThroughSyslog() {
        ParsedAlert a = alert("e2guardian", "<134>May  1 10:12:01 proxy e2guardian[4321]: 2024.5.1 10:12:01 jsmith "
                + "10.0.0.5 http://adult.example.com/ *DENIED* Banned site: adult.example.com GET 0 0 Pornography 1 403 "
                + "text/html LAPTOP-42 Pupils -");
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Pornography");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.device()).isEqualTo("10.0.0.5");
        assertThat(a.url()).isEqualTo("http://adult.example.com/");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).startsWith("sha256:");
    }

    @Test
    void format1CategoryOfSeveralWords() {
        assertThat(alert("e2guardian", "2024.5.1 10:12:01 - 10.0.0.5 http://x.example/ *DENIED* Weighted phrase limit "
                + "of 50 : 160 GET 1234 160 Adult Sites 2 403 text/html").category()).isEqualTo("Adult Sites");
    }

    @Test
    void categoryFromTheReasonWhenTheColumnIsEmpty() {
        assertThat(alert("e2guardian", "2024.5.1\t10:12:01\t-\t10.0.0.5\thttp://x.example/\t*DENIED* Banned "
                + "Regular Expression URL: x.example [Self Harm]\tGET\t0\t0\t\t1\t403").category()).isEqualTo("Self Harm");
        assertThat(alert("e2guardian", "2024.5.1\t10:12:01\t-\t10.0.0.5\thttp://x.example/\t*DENIED* Banned "
                + "site: x.example\tGET\t0\t0\t-\t1\t403").category()).isEqualTo("Banned site");
    }

    @Test
    void tabSeparatedWithDateAndTimeInOneColumn() {
        ParsedAlert a = alert("e2guardian", "2024-05-01 10:12:01\tjsmith\t10.0.0.5\thttps://g.example/\t*DENIED* "
                + "Banned site: g.example\tCONNECT\t0\t0\tGambling\t1\t403\t-");
        assertThat(a.category()).isEqualTo("Gambling");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
    }

    @Test
    void format2QuotedCsv() {
        ParsedAlert a = alert("e2guardian", "\"2024.5.1\",\"10:12:01\",\"jsmith\",\"10.0.0.5\",\"http://d.example/\","
                + "\"*DENIED* Banned site: d.example\",\"GET\",\"0\",\"0\",\"Drugs, Illegal\",\"1\",\"403\"");
        assertThat(a.category()).isEqualTo("Drugs, Illegal");
    }

    @Test
    void format3Squid() {
        ParsedAlert a = alert("e2guardian", "1714554721.123 0 10.0.0.5 TCP_DENIED/403 0 GET http://adult.example.com/ "
                + "jsmith DEFAULT_PARENT/127.0.0.1 text/html");
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Denied");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01.123Z"));
    }

    @Test
    void weightedIsFlagged() {
        assertThat(alert("e2guardian", "2024.5.1 10:12:01 - 10.0.0.5 http://x.example/ *WEIGHTED* Weighted phrase: "
                + "30 GET 100 30 Violence 1 200").action()).isEqualTo("flagged");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "exception ; 2024.5.1 10:12:01 - 10.0.0.5 http://bbc.co.uk/ *EXCEPTION* Exception site match. GET 1234 0  1 200 text/html ; exception",
        "scanned   ; 2024.5.1 10:12:01 - 10.0.0.5 http://bbc.co.uk/ *SCANNED* GET 1234 0  1 200 text/html ; allowed",
        "plain     ; 2024.5.1 10:12:01 jsmith 10.0.0.5 http://bbc.co.uk/  GET 1234 0  1 200 text/html ; allowed",
        "squid ok  ; 1714554721.123 12 10.0.0.5 TCP_MISS/200 5120 GET http://bbc.co.uk/ - DIRECT/1.2.3.4 text/html ; allowed"
    })
    void linesThatMustNotAlert(String name, String line, String reason) {
        assertThat(parse("e2guardian", line)).isEqualTo(new ParseOutcome.Ignored(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "prose       ; e2guardian starting up ; not an e2guardian access log line",
        "bad date    ; 2024.13.1 10:12:01 - 10.0.0.5 http://x/ *DENIED* ; not an e2guardian access log line: unreadable date 2024.13.1 10:12:01",
        "short squid ; 1714554721.123 0 10.0.0.5 ; not an e2guardian access log line: 3 Squid-format fields"
    })
    void malformedLinesAreRejected(String name, String line, String reason) {
        assertThat(parse("e2guardian", line)).isEqualTo(new ParseOutcome.Rejected(reason));
    }
}
