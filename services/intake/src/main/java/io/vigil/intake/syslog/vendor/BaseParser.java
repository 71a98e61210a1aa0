package io.vigil.intake.syslog.vendor;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.parse.Texts;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** What the vendor parsers share: the limits, the zone and clock for times, and turning a rejection into an outcome. */
abstract class BaseParser implements VendorLogParser {

    protected final ParserLimits limits;
    protected final ZoneId zone;
    protected final Clock clock;

    BaseParser(ParserLimits limits, ZoneId zone, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public final ParseOutcome parse(SyslogMessage message) {
        if (message == null || message.message().isBlank()) {
            return new ParseOutcome.Rejected("empty message");
        }
        String tooLong = limits.checkLine(message.message());
        if (tooLong != null) {
            return new ParseOutcome.Rejected(tooLong);
        }
        try {
            return parseLine(message, message.message().strip());
        } catch (LineRejected e) {
            return new ParseOutcome.Rejected(e.getMessage());
        }
    }

    /** Reads a non-blank line within the length limit; may throw {@link LineRejected} through {@link #reject}. */
    abstract ParseOutcome parseLine(SyslogMessage message, String line);

    static LineRejected reject(String reason) {
        return new LineRejected(reason);
    }

    /** The first time found, then the syslog header's, then now (the time the line arrived). */
    Instant occurredAt(SyslogMessage message, Instant... candidates) {
        Instant found = Texts.firstNonNull(candidates);
        if (found != null) {
            return found;
        }
        return message.timestamp() != null ? message.timestamp() : clock.instant();
    }

    /** Rejects the line when any value is over the field length limit. */
    void checkFields(Iterable<String> values) {
        int i = 0;
        for (String value : values) {
            i++;
            String problem = limits.checkField("#" + i, value);
            if (problem != null) {
                throw reject(problem);
            }
        }
    }
}
