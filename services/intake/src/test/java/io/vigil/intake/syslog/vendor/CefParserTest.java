package io.vigil.intake.syslog.vendor;

import static io.vigil.intake.syslog.vendor.VendorParserTesting.alert;
import static io.vigil.intake.syslog.vendor.VendorParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import io.vigil.intake.parse.ParserLimits;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sample lines written from the ArcSight CEF implementation standard. */
class CefParserTest {

    @Test
    void webFilterBlockWithLabelledCategory() {
        String line = "<134>May  1 10:12:01 proxy CEF:0|Acme\\|Corp|Web Gateway|5.2|1001|Blocked URL|7|"
                + "rt=1714554721000 act=blocked request=https://bad.example/a b c suser=jsmith src=10.0.0.5 "
                + "shost=LAPTOP-42 cs1Label=URL Category cs1=Adult/Mature Content externalId=ev-77 dvchost=gw1 "
                + "msg=line one\\nline two with \\= and \\\\";
        ParsedAlert a = alert("cef", line);
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Adult/Mature Content");
        assertThat(a.url()).isEqualTo("https://bad.example/a b c");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.device()).isEqualTo("LAPTOP-42");
        assertThat(a.vendorSeverity()).isEqualTo(4);
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).isEqualTo("cef:Acme|Corp:Web Gateway:gw1:ev-77");
    }

    @Test
    void extensionEscapesAndHeaderEscapes() {
        CefEvent e = CefEvent.parse("CEF:0|V\\\\x|P\\|Q|1|sig|name|Low|msg=a\\=b\\\\c\\nd request=http://x/?q=1&r=2 cs2=  x",
                ParserLimits.DEFAULTS);
        assertThat(e.deviceVendor()).isEqualTo("V\\x");
        assertThat(e.deviceProduct()).isEqualTo("P|Q");
        assertThat(e.extension()).containsEntry("msg", "a=b\\c\nd").containsEntry("request", "http://x/?q=1&r=2");
    }

    @Test
    void textRtAndWordSeverity() {
        ParsedAlert a = alert("cef", "CEF:0|V|P|1|s|n|Very-High|act=deny request=http://x.example/ "
                + "rt=May 01 2024 10:12:01 cat=Gambling");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.vendorSeverity()).isEqualTo(5);
        assertThat(a.category()).isEqualTo("Gambling");
    }

    @Test
    void flaggedActionAndActionFromName() {
        assertThat(alert("cef", "CEF:0|V|P|1|s|URL monitored|3|act=monitored request=http://x.example/").action())
                .isEqualTo("flagged");
        assertThat(alert("cef", "CEF:0|V|P|1|s|URL Blocked|3|request=http://x.example/").action()).isEqualTo("blocked");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "allowed       ; CEF:0|V|P|1|s|n|1|act=allowed request=http://ok.example/ ; allowed",
        "permit        ; CEF:0|V|P|1|s|n|1|act=permit request=http://ok.example/ ; allowed",
        "allowed name  ; CEF:0|V|P|1|s|URL Allowed|1|request=http://ok.example/ ; allowed",
        "no URL        ; CEF:0|Acme|IPS|1|s|Port scan|8|act=blocked src=10.0.0.1 dst=10.0.0.2 ; not a web-filter log"
    })
    void linesThatMustNotAlert(String name, String line, String reason) {
        assertThat(parse("cef", line)).isEqualTo(new ParseOutcome.Ignored(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "no CEF        ; plain text ; not a CEF record: no CEF: header",
        "short header  ; CEF:0|V|P|1|s ; CEF header has 5 of 8 fields",
        "bad version   ; CEF:x|V|P|1|s|n|1|act=blocked ; CEF version is not a number: x",
        "no action     ; CEF:0|V|P|1|s|n|1|request=http://x/ ; no action (act) in CEF event",
        "odd action    ; CEF:0|V|P|1|s|n|1|act=wibble request=http://x/ ; unknown action: wibble"
    })
    void malformedLinesAreRejected(String name, String line, String reason) {
        assertThat(parse("cef", line)).isEqualTo(new ParseOutcome.Rejected(reason));
    }

    @Test
    void limitsAreEnforced() {
        ParserLimits tight = new ParserLimits(200, 3, 10);
        VendorLogParser parser = VendorParserTesting.parser("cef", tight);
        assertThat(parser.parse(VendorParserTesting.message("CEF:0|V|P|1|s|n|1|a=1 b=2 c=3 d=4")))
                .isEqualTo(new ParseOutcome.Rejected("more than 3 fields"));
        assertThat(parser.parse(VendorParserTesting.message("CEF:0|V|P|1|s|n|1|request=http://long.example/")))
                .isEqualTo(new ParseOutcome.Rejected("field request longer than 10 characters"));
        assertThat(parser.parse(VendorParserTesting.message("CEF:0|V|P|1|s|n|1|" + "x".repeat(300))))
                .isEqualTo(new ParseOutcome.Rejected("line longer than 200 characters"));
    }
}
