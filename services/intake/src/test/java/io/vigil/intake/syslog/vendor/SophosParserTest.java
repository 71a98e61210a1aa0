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

/** Sample lines written from Sophos Firewall's syslog guide (Content Filtering, log IDs 0509xxxxx and 16001). */
class SophosParserTest {

    static final String DENIED_V18 = "<30>device=\"SFW\" date=2024-05-01 time=10:12:01 timezone=\"BST\" "
            + "device_name=\"XG230\" device_id=C2300ABCDEF1234 log_id=050901616001 log_type=\"Content Filtering\" "
            + "log_component=\"HTTP\" log_subtype=\"Denied\" status=\"\" priority=Information fw_rule_id=5 "
            + "user_name=\"jsmith\" user_gp=\"Pupils\" iap=13 category=\"Pornography\" category_type=\"Objectionable\" "
            + "url=\"http://adult.example.com/\" contenttype=\"\" override_token=\"\" src_ip=10.0.0.5 dst_ip=93.184.216.34 "
            + "protocol=\"TCP\" src_port=51234 dst_port=80 sent_bytes=0 recv_bytes=0 domain=adult.example.com "
            + "exceptions=\"\" activityname=\"\" reason=\"\" user_agent=\"Mozilla/5.0 (Windows NT 10.0)\" "
            + "status_code=\"403\" transactionid=\"\" referer=\"\" download_file_name=\"\" con_id=2841372712";

    static final String DENIED_V19 = "<12>messageid=\"16001\" log_type=\"Content Filtering\" log_component=\"HTTP\" "
            + "log_subtype=\"Denied\" log_version=1 severity=\"Warning\" fw_rule_id=\"5\" fw_rule_name=\"Pupils web\" "
            + "web_policy_id=11 web_policy_name=\"Pupils\" user=\"asmith@school.example\" user_group=\"Year 10\" "
            + "category=\"Weapons\" category_type=\"Objectionable\" url=\"https://guns.example/shop\" "
            + "src_ip=\"10.0.0.9\" dst_ip=\"203.0.113.5\" protocol=\"TCP\" src_port=50000 dst_port=443 "
            + "status_code=\"403\" transactionid=\"2b5c4d1e-0001\" device_serial_id=\"X23001ABC\" "
            + "timestamp=\"2024-05-01T10:12:01+0100\"";

    @Test
    void olderDeniedLine() {
        ParsedAlert a = alert("sophos", DENIED_V18);
        assertThat(a.action()).isEqualTo("blocked");
        assertThat(a.category()).isEqualTo("Pornography");
        assertThat(a.user()).isEqualTo("jsmith");
        assertThat(a.device()).isEqualTo("10.0.0.5");
        assertThat(a.url()).isEqualTo("http://adult.example.com/");
        assertThat(a.vendorSeverity()).isEqualTo(1);
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).startsWith("sha256:");
    }

    @Test
    void sfos19DeniedLine() {
        ParsedAlert a = alert("sophos", DENIED_V19);
        assertThat(a.category()).isEqualTo("Weapons");
        assertThat(a.user()).isEqualTo("asmith@school.example");
        assertThat(a.device()).isEqualTo("10.0.0.9");
        assertThat(a.vendorSeverity()).isEqualTo(3);
        assertThat(a.occurredAt()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(a.sourceEventId()).isEqualTo("sophos:X23001ABC:2b5c4d1e-0001");
    }

    @Test
    void warnedIsFlagged() {
        assertThat(alert("sophos", DENIED_V19.replace("\"Denied\"", "\"Warned\"")).action()).isEqualTo("flagged");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "allowed   ; log_type=\"Content Filtering\" log_component=\"HTTP\" log_subtype=\"Allowed\" url=\"http://bbc.co.uk/\" ; allowed",
        "firewall  ; device=\"SFW\" log_id=010101600001 log_type=\"Firewall\" log_component=\"Firewall Rule\" log_subtype=\"Allowed\" ; not a web-filter log",
        "event     ; log_type=\"Event\" log_component=\"GUI\" log_subtype=\"Admin\" message=\"User admin logged in\" ; not a web-filter log"
    })
    void linesThatMustNotAlert(String name, String line, String reason) {
        assertThat(parse("sophos", line)).isEqualTo(new ParseOutcome.Ignored(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "no log_type ; device=\"SFW\" date=2024-05-01 ; not a Sophos Firewall log: no log_type field",
        "odd subtype ; log_type=\"Content Filtering\" log_subtype=\"Strange\" ; unknown log_subtype: Strange",
        "no subtype  ; log_type=\"Content Filtering\" ; no log_subtype in web-filter log",
        "open quote  ; log_type=\"Content Filtering ; unterminated quoted value of field log_type"
    })
    void malformedLinesAreRejected(String name, String line, String reason) {
        assertThat(parse("sophos", line)).isEqualTo(new ParseOutcome.Rejected(reason));
    }
}
