package io.vigil.intake.syslog.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.syslog.SyslogMessage;
import org.junit.jupiter.api.Test;

class VendorParsersTest {

    @Test
    void everyVendorHasAParserUnderItsKey() {
        assertThat(VendorParsers.vendors()).containsExactlyInAnyOrder("fortigate", "sophos", "smoothwall", "e2guardian", "cef");
        for (String vendor : VendorParsers.vendors()) {
            assertThat(VendorParsers.forVendor(vendor)).get().extracting(VendorLogParser::vendor).isEqualTo(vendor);
        }
        assertThat(VendorParsers.forVendor("FortiGate")).isPresent();
        assertThat(VendorParsers.forVendor("paloalto")).isEmpty();
        assertThat(VendorParsers.forVendor(null)).isEmpty();
    }

    @Test
    void emptyAndNullMessagesAreRejected() {
        for (String vendor : VendorParsers.vendors()) {
            VendorLogParser parser = VendorParsers.forVendor(vendor).orElseThrow();
            assertThat(parser.parse(null)).isEqualTo(new ParseOutcome.Rejected("empty message"));
            assertThat(parser.parse(SyslogMessage.ofText("   "))).isEqualTo(new ParseOutcome.Rejected("empty message"));
        }
    }
}
