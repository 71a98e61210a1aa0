package io.vigil.intake.syslog.vendor;

import static io.vigil.intake.syslog.vendor.VendorParserTesting.alert;
import static io.vigil.intake.syslog.vendor.VendorParserTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Sample lines written from FortiOS's log message reference (web filter, logid 0316013056 and friends). */
class FortiGateParserTest {

    static final String BLOCKED = "<189>date=2024-05-01 time=10:12:01 devname=\"FG100E-School\" devid=\"FG100ETK18000001\" "
            + "eventtime=1714554721123456789 tz=\"+0100\" logid=\"0316013056\" type=\"utm\" subtype=\"webfilter\" "
            + "eventtype=\"ftgd_blk\" level=\"warning\" vd=\"root\" policyid=3 sessionid=1234567 "
            + "srcip=10.0.0.5 srcport=51234 srcintf=\"port2\" dstip=93.184.216.34 dstport=443 proto=6 "
            + "service=\"HTTPS\" hostname=\"adult.example.com\" profile=\"Pupils\" action=\"blocked\" "
            + "reqtype=\"direct\" url=\"/videos?q=x\" sentbyte=517 rcvdbyte=0 direction=\"outgoing\" "
            + "msg=\"URL belongs to a denied category in policy\" method=\"domain\" cat=14 catdesc=\"Pornography\" "
            + "user=\"jsmith\" group=\"Year 9\"";

    @Test
    void blockedWebFilterLogIsABlockedAlert() {
        ParsedAlert a = alert("fortigate", BLOCKED);
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Pornography");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.device()).isEqualTo("10.0.0.5");
        assertThat(a.url()).isEqualTo("adult.example.com/videos?q=x");
        assertThat(a.vendorSeverity()).isEqualTo(3);
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01.123456789Z"));
        assertThat(a.sourceEventId()).isEqualTo("fortigate:FG100ETK18000001:0316013056:1714554721123456789:1234567");
    }

    @Test
    void withoutEventtimeTheDateIsReadInTheDeviceZoneAndTheIdIsADigest() {
        String line = "date=2024-05-01 time=10:12:01 tz=\"+0100\" logid=\"0316013056\" type=\"utm\" subtype=\"webfilter\" "
                + "eventtype=\"ftgd_blk\" action=\"blocked\" hostname=\"a.example\" catdesc=\"Gambling\"";
        ParsedAlert a = alert("fortigate", line);
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).startsWith("sha256:").hasSize(71);
        assertThat(alert("fortigate", line + " ").sourceEventId()).isEqualTo(a.sourceEventId());
    }

    @Test
    void quotedValuesMayHoldSpacesAndEscapedQuotes() {
        ParsedAlert a = alert("fortigate", "type=utm subtype=webfilter action=blocked "
                + "catdesc=\"Explicit \\\"Violence\\\"\" user=\"Jo Smith\" hostname=x.example");
        assertThat(a.category()).isEqualTo("Explicit \"Violence\"");
        assertThat(a.user()).isEqualTo("Jo Smith");
    }

    @Test
    void cefFormIsRead() {
        String line = "<189>May  1 10:12:01 FG100E CEF:0|Fortinet|Fortigate|v7.2.5|13056|utm:webfilter ftgd_blk blocked|4|"
                + "deviceExternalId=FG100ETK18000001 FTNTFGTlogid=0316013056 cat=utm:webfilter FTNTFGTsubtype=webfilter "
                + "FTNTFGTeventtype=ftgd_blk FTNTFGTlevel=warning FTNTFGTvd=root FTNTFGTeventtime=1714554721 "
                + "FTNTFGTpolicyid=3 externalId=998877 src=10.0.0.7 spt=51000 dst=93.184.216.34 dpt=443 "
                + "act=blocked suser=asmith request=https://adult.example.com/path?a\\=b requestMethod=GET "
                + "FTNTFGTcatdesc=Pornography msg=URL belongs to a denied category in policy";
        ParsedAlert a = alert("fortigate", line);
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Pornography");
        assertThat(a.user()).isEqualTo("asmith");
        assertThat(a.device()).isEqualTo("10.0.0.7");
        assertThat(a.url()).isEqualTo("https://adult.example.com/path?a=b");
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).isEqualTo("fortigate:FG100ETK18000001:0316013056:1714554721:998877");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "passthrough | type=utm subtype=webfilter eventtype=ftgd_allow action=passthrough catdesc=\"Education\" hostname=a.example | passthrough",
        "allowed     | type=\"utm\" subtype=\"webfilter\" action=\"allowed\" hostname=a.example | allowed",
        "exempt      | type=utm subtype=webfilter eventtype=urlfilter action=exempt hostname=a.example | exempt",
        "traffic     | date=2024-05-01 time=10:12:01 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" action=\"close\" | not a web-filter log",
        "event       | logid=\"0100032001\" type=\"event\" subtype=\"system\" level=\"information\" logdesc=\"Admin login successful\" | not a web-filter log",
        "other utm   | type=\"utm\" subtype=\"virus\" eventtype=\"infected\" action=\"blocked\" | not a web-filter log"
    })
    void linesThatMustNotAlert(String name, String line, String reason) {
        assertThat(parse("fortigate", line)).isEqualTo(new ParseOutcome.Ignored(reason));
    }

    @Test
    void monitoredActionAndMonitoredCategoryAreFlagged() {
        assertThat(alert("fortigate", "type=utm subtype=webfilter action=monitored catdesc=Games hostname=g.example")
                .action()).isEqualTo("flagged");
        assertThat(alert("fortigate", "type=utm subtype=webfilter eventtype=ftgd_allow action=passthrough "
                + "catdesc=\"Social Networking\" hostname=s.example").action()).isEqualTo("flagged");
    }

    @Test
    void blockEventWithoutActionIsBlocked() {
        assertThat(alert("fortigate", "type=utm subtype=webfilter eventtype=ftgd_blk cat=14 hostname=x.example")
                .category()).isEqualTo("FortiGuard category 14");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "no type       ; date=2024-05-01 time=10:12:01 action=blocked ; not a FortiGate log: no type or subtype field",
        "not key=value ; this is not a fortigate line ; not a FortiGate log: no type or subtype field",
        "unknown action; type=utm subtype=webfilter action=frobnicated ; unknown action: frobnicated",
        "no action     ; type=utm subtype=webfilter eventtype=ftgd_allow ; no action in web-filter log",
        "open quote    ; type=utm subtype=webfilter action=blocked catdesc=\"Porn ; unterminated quoted value of field catdesc",
        "cut CEF       ; CEF:0|Fortinet|Fortigate ; CEF header has 3 of 8 fields"
    })
    void malformedLinesAreRejectedWithAReason(String name, String line, String reason) {
        assertThat(parse("fortigate", line)).isEqualTo(new ParseOutcome.Rejected(reason));
    }
}
