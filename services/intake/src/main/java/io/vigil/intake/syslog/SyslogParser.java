package io.vigil.intake.syslog;

import io.vigil.intake.parse.Times;
import io.vigil.intake.syslog.SyslogMessage.Format;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the header of a syslog message from an appliance: RFC 5424, RFC 3164 (the BSD form, whose
 * time has no year: the year is chosen so the time is at most a day ahead of the clock, read in the
 * given zone), an ISO time after the PRI as many appliances send, or no header at all. Never throws:
 * whatever cannot be read is left {@code null} and the vendor parser decides what the line is worth.
 */
public final class SyslogParser {

    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final Pattern BSD_TIME =
            Pattern.compile("^([A-Z][a-z]{2}) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d{1,9})?(?: |$)");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TAG =
            Pattern.compile("^([A-Za-z0-9_./\\-]{1,48})(?:\\[([^\\]\\s]{0,128})\\])?:(?: |$)");
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param clock the clock that decides the year of a year-less time
     * @param zone the zone of times sent without an offset (the school's, usually Europe/London)
     */
    public SyslogParser(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Reads one message; never throws, and a {@code null} gives an empty message. */
    public SyslogMessage parse(String frameText) {
        if (frameText == null) {
            return SyslogMessage.ofText("");
        }
        try {
            return read(frameText);
        } catch (RuntimeException e) {
            return SyslogMessage.ofText(frameText);
        }
    }

    /** Reads a message without the last-resort guard of {@link #parse}, so tests see any fault. */
    SyslogMessage read(String text) {
        String s = withoutBom(text);
        int close = s.startsWith("<") ? s.indexOf('>') : -1;
        if (close < 2 || close > 4) {
            return SyslogMessage.ofText(text);
        }
        String digits = s.substring(1, close);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return SyslogMessage.ofText(text);
        }
        int pri = Integer.parseInt(digits);
        if (pri > 191) {
            return SyslogMessage.ofText(text);
        }
        String rest = s.substring(close + 1);
        if (rest.startsWith("1 ")) {
            return rfc5424(pri / 8, pri % 8, new Cursor(rest, 2));
        }
        return rfc3164(pri / 8, pri % 8, rest);
    }

    private SyslogMessage rfc5424(int facility, int severity, Cursor c) {
        String time = nil(c.word());
        String host = nil(c.word());
        String app = nil(c.word());
        String proc = nil(c.word());
        String msgId = nil(c.word());
        Instant timestamp = time == null ? null : Times.fromIso(time, zone);
        String sd = null;
        if (c.at('[')) {
            int end = structuredDataEnd(c.text, c.pos);
            if (end > 0) {
                sd = c.text.substring(c.pos, end);
                c.pos = end;
            }
        } else if (c.at('-')) {
            c.pos++;
        }
        if (c.at(' ')) {
            c.pos++;
        }
        String message = withoutBom(c.rest()).stripTrailing();
        return new SyslogMessage(Format.RFC5424, facility, severity, timestamp, host, app, proc, msgId, sd, message);
    }

    /** The index after the last SD element starting at {@code start}, or -1 when an element is not closed. */
    static int structuredDataEnd(String s, int start) {
        int i = start;
        while (i < s.length() && s.charAt(i) == '[') {
            boolean quoted = false;
            i++;
            while (true) {
                if (i >= s.length()) {
                    return -1;
                }
                char ch = s.charAt(i);
                if (quoted && ch == '\\') {
                    i += 2;
                    continue;
                }
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ']' && !quoted) {
                    i++;
                    break;
                }
                i++;
            }
        }
        return i;
    }

    private SyslogMessage rfc3164(int facility, int severity, String rest) {
        Instant timestamp = null;
        int consumed = 0;
        Matcher bsd = BSD_TIME.matcher(rest);
        if (bsd.find()) {
            timestamp = bsdTime(bsd);
            consumed = bsd.end();
        } else if (ISO_DATE.matcher(rest).find()) {
            Cursor c = new Cursor(rest, 0);
            String first = c.word();
            timestamp = Times.fromIso(first, zone);
            if (timestamp == null && first.length() == 10) {
                timestamp = Times.fromIso(first + "T" + c.word(), zone);
            }
            consumed = timestamp == null ? 0 : c.pos;
        }
        Cursor c = new Cursor(rest, consumed);
        String host = null;
        if (timestamp != null && !TAG.matcher(c.rest()).find()) {
            int mark = c.pos;
            String word = c.word();
            if (word.isEmpty() || word.contains("=")) {
                c.pos = mark;
            } else {
                host = word;
            }
        }
        Matcher tag = TAG.matcher(c.rest());
        String app = null;
        String proc = null;
        if (tag.find()) {
            app = tag.group(1);
            proc = tag.group(2);
            c.pos += tag.end();
        }
        return new SyslogMessage(Format.RFC3164, facility, severity, timestamp, host, app, proc, null, null,
                c.rest().stripTrailing());
    }

    private Instant bsdTime(Matcher m) {
        int month = MONTHS.indexOf(m.group(1)) + 1;
        if (month == 0) {
            return null;
        }
        int day = Integer.parseInt(m.group(2));
        int hour = Integer.parseInt(m.group(3));
        int minute = Integer.parseInt(m.group(4));
        int second = Integer.parseInt(m.group(5));
        Instant now = clock.instant();
        Instant latest = now.plus(FUTURE_SLACK);
        int year = now.atZone(zone).getYear();
        for (int y = year + 1; y >= year - 4; y--) {
            try {
                Instant candidate = LocalDateTime.of(y, month, day, hour, minute, second).atZone(zone).toInstant();
                if (!candidate.isAfter(latest)) {
                    return candidate;
                }
            } catch (DateTimeException e) {
                // not a date in that year (29 February): try the one before
            }
        }
        return null;
    }

    private static String nil(String field) {
        return field == null || field.isEmpty() || field.equals("-") ? null : field;
    }

    private static String withoutBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** A position in the header, read a space-separated word at a time. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text, int pos) {
            this.text = text;
            this.pos = Math.min(pos, text.length());
        }

        /** The next word (empty at the end), leaving the position after the single space that ends it. */
        String word() {
            int end = text.indexOf(' ', pos);
            if (end < 0) {
                end = text.length();
            }
            String word = text.substring(pos, end);
            pos = Math.min(end + 1, text.length());
            return word;
        }

        boolean at(char ch) {
            return pos < text.length() && text.charAt(pos) == ch;
        }

        String rest() {
            return text.substring(pos);
        }
    }
}
