package io.vigil.intake.syslog.vendor;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parser for each appliance vendor Vigil reads: {@code fortigate}, {@code sophos},
 * {@code smoothwall}, {@code e2guardian} and {@code cef} (the Common Event Format from any vendor).
 * A parser handed out here never throws: a fault inside one becomes a quarantined line.
 */
public final class VendorParsers {

    /** The zone of appliance times written without one: the schools are in the UK. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

    private static final Set<String> VENDORS = Set.of("fortigate", "sophos", "smoothwall", "e2guardian", "cef");

    private VendorParsers() {
    }

    /** The vendor keys, lower case. */
    public static Set<String> vendors() {
        return VENDORS;
    }

    /** The vendor's parser with the default limits, UK time and the system clock; empty for an unknown vendor. */
    public static Optional<VendorLogParser> forVendor(String vendor) {
        return forVendor(vendor, ParserLimits.DEFAULTS, DEFAULT_ZONE, Clock.systemUTC(), Set.of());
    }

    /**
     * The vendor's parser, or empty for an unknown vendor (the key is matched ignoring case).
     *
     * @param limits the bounds on one line
     * @param zone the zone of appliance times written without one
     * @param clock the time given to a line that carries none (its arrival)
     * @param monitoredCategories category names whose allowed requests the school wants flagged
     *     (FortiGate "monitor" categories); empty for none
     */
    public static Optional<VendorLogParser> forVendor(String vendor, ParserLimits limits, ZoneId zone, Clock clock,
            Set<String> monitoredCategories) {
        if (vendor == null) {
            return Optional.empty();
        }
        VendorLogParser parser = switch (vendor.strip().toLowerCase(Locale.ROOT)) {
            case "fortigate" -> new FortiGateParser(limits, zone, clock, monitoredCategories);
            case "sophos" -> new SophosParser(limits, zone, clock);
            case "smoothwall" -> new SmoothwallParser(limits, zone, clock);
            case "e2guardian" -> new E2GuardianParser(limits, zone, clock);
            case "cef" -> new CefParser(limits, zone, clock);
            default -> null;
        };
        return Optional.ofNullable(parser).map(Guarded::new);
    }

    /** Turns a fault inside a parser into a quarantined line, as the last line of defence. */
    private record Guarded(VendorLogParser parser) implements VendorLogParser {

        @Override
        public String vendor() {
            return parser.vendor();
        }

        @Override
        public ParseOutcome parse(SyslogMessage message) {
            try {
                return parser.parse(message);
            } catch (RuntimeException | StackOverflowError e) {
                return new ParseOutcome.Rejected("parser error: " + e.getClass().getSimpleName());
            }
        }
    }
}
