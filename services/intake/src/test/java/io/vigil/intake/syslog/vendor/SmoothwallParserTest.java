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
 * Smoothwall Filter syslog lines. Smoothwall publishes the fields of its web-filter log (time,
 * user name, client IP, group, action, categories, URL, HTTP code) but not one fixed line, so these
 * samples assume two shapes: {@code key=value} pairs with those names, and the comma-separated
 * columns of the web-filter report (time, username, source IP, group, HTTP code, URL, categories,
 * optional action).
 */
class SmoothwallParserTest {

    @Test
    void keyValueBlocked() {
        ParsedAlert a = alert("smoothwall", "<134>May  1 10:12:01 swg1 smoothwall: time=\"2024-05-01 10:12:01\" "
                + "username=\"jsmith\" ip=10.0.0.5 group=\"Pupils\" action=blocked categories=\"Pornography, Adult\" "
                + "url=\"http://adult.example.com/\" httpcode=403");
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Pornography, Adult");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.device()).isEqualTo("10.0.0.5");
        assertThat(a.url()).isEqualTo("http://adult.example.com/");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
    }

    @Test
    void reportColumnsBlockedByItsCode() {
        ParsedAlert a = alert("smoothwall",
                "01/05/2024 10:12:01,jsmith,10.0.0.5,Pupils,403,http://g.example/,\"Gambling, Games\"");
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Gambling, Games");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
    }

    @Test
    void withoutATimeTheSyslogTimeIsUsed() {
        ParsedAlert a = alert("smoothwall", "<134>May  1 10:12:01 swg1 smoothwall: user=jsmith action=warned "
                + "category=Violence url=http://v.example/");
        assertThat(a.action()).isEqualTo("flagged");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "allowed kv   ; time=\"2024-05-01 10:12:01\" username=jsmith action=allowed url=http://bbc.co.uk/ httpcode=200",
        "allowed cols ; 2024-05-01 10:12:01,jsmith,10.0.0.5,Pupils,200,http://bbc.co.uk/,News"
    })
    void linesThatMustNotAlert(String name, String line) {
        assertThat(parse("smoothwall", line)).isEqualTo(new ParseOutcome.Ignored("allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "prose        ; Smoothwall filter restarted ; 'not a Smoothwall line: 1 comma-separated fields, expected at least 7'",
        "no url       ; time=\"2024-05-01 10:12:01\" action=blocked ; Smoothwall line has neither a URL nor categories",
        "open quote   ; 2024-05-01,\"unclosed,a,b,c,d,e ; quoted cell not closed before the end of the file"
    })
    void malformedLinesAreRejected(String name, String line, String reason) {
        assertThat(parse("smoothwall", line)).isEqualTo(new ParseOutcome.Rejected(reason));
    }
}
