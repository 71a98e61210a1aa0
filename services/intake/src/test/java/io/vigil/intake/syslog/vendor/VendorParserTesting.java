package io.vigil.intake.syslog.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.syslog.SyslogMessage;
import io.vigil.intake.syslog.SyslogParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/** Runs sample lines through the syslog header parser and a vendor parser, as a listener would. */
final class VendorParserTesting {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final SyslogParser SYSLOG = new SyslogParser(CLOCK, VendorParsers.DEFAULT_ZONE);

    private VendorParserTesting() {
    }

    static VendorLogParser parser(String vendor) {
        return parser(vendor, ParserLimits.DEFAULTS);
    }

    static VendorLogParser parser(String vendor, ParserLimits limits) {
        return VendorParsers.forVendor(vendor, limits, VendorParsers.DEFAULT_ZONE, CLOCK, Set.of("Social Networking"))
                .orElseThrow();
    }

    static ParseOutcome parse(String vendor, String frame) {
        return parser(vendor).parse(SYSLOG.parse(frame));
    }

    static ParsedAlert alert(String vendor, String frame) {
        ParseOutcome outcome = parse(vendor, frame);
        assertThat(outcome).isInstanceOf(ParseOutcome.Alert.class);
        return ((ParseOutcome.Alert) outcome).alert();
    }

    static SyslogMessage message(String text) {
        return SyslogMessage.ofText(text);
    }
}
