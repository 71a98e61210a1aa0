package io.vigil.intake.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the date and time forms that appliances write; every method returns {@code null} rather than throwing. */
public final class Times {

    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final Pattern EPOCH = Pattern.compile("\\d{1,19}(\\.\\d{1,9})?");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("[+-]\\d{2}:?\\d{2}");

    private static final List<DateTimeFormatter> DATES = List.of(
            pattern("uuuu-M-d"), pattern("uuuu/M/d"), pattern("uuuu.M.d"), pattern("d/M/uuuu"), pattern("d.M.uuuu"));

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("H:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter ISO_NO_COLON_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private Times() {
    }

    private static DateTimeFormatter pattern(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Whether the instant is a plausible time for a log line (1990 to 2200). */
    public static boolean plausible(Instant instant) {
        return instant != null && !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    /**
     * An epoch number in seconds, milliseconds, microseconds or nanoseconds, told apart by its size
     * (FortiGate's {@code eventtime} is nanoseconds on new firmware and seconds on old); seconds may
     * have a fraction.
     */
    public static Instant fromEpoch(String text) {
        if (text == null || !EPOCH.matcher(text.strip()).matches()) {
            return null;
        }
        String s = text.strip();
        try {
            Instant instant;
            int dot = s.indexOf('.');
            if (dot >= 0) {
                long seconds = Long.parseLong(s.substring(0, dot));
                String fraction = (s.substring(dot + 1) + "000000000").substring(0, 9);
                instant = Instant.ofEpochSecond(seconds, Long.parseLong(fraction));
            } else {
                long n = Long.parseLong(s);
                if (n >= 100_000_000_000_000_000L) {
                    instant = Instant.ofEpochSecond(0, n);
                } else if (n >= 100_000_000_000_000L) {
                    instant = Instant.ofEpochSecond(0, Math.multiplyExact(n, 1_000L));
                } else if (n >= 100_000_000_000L) {
                    instant = Instant.ofEpochMilli(n);
                } else {
                    instant = Instant.ofEpochSecond(n);
                }
            }
            return plausible(instant) ? instant : null;
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    /** A date (2024-05-01, 2024/05/01, 2024.5.1, or UK day-first 01/05/2024) and a time read in the zone. */
    public static Instant fromDateAndTime(String date, String time, ZoneId zone) {
        if (date == null || time == null || zone == null) {
            return null;
        }
        LocalDate day = localDate(date.strip());
        if (day == null) {
            return null;
        }
        try {
            LocalTime clock = LocalTime.parse(time.strip(), TIME);
            Instant instant = LocalDateTime.of(day, clock).atZone(zone).toInstant();
            return plausible(instant) ? instant : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A date in one of the forms of {@link #fromDateAndTime}, or {@code null}. */
    public static LocalDate localDate(String date) {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(date, format);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    /**
     * An ISO-8601 date-time: with an offset ({@code Z}, {@code +01:00} or {@code +0100}) it is exact;
     * without one it is read in the zone. A space may stand for the {@code T}.
     */
    public static Instant fromIso(String text, ZoneId zone) {
        if (text == null || text.length() > 64) {
            return null;
        }
        String s = text.strip().replace(' ', 'T');
        Instant instant = null;
        try {
            instant = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(s, ISO_NO_COLON_OFFSET).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    instant = zone == null ? null : LocalDateTime.parse(s).atZone(zone).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
        return plausible(instant) ? instant : null;
    }

    /**
     * The zone an appliance names: a numeric offset ({@code +0100}, {@code -05:00}), {@code UTC},
     * {@code GMT}, {@code BST} or a region id such as {@code Europe/London}; otherwise {@code null}.
     */
    public static ZoneId zoneOf(String tz) {
        if (tz == null) {
            return null;
        }
        String s = tz.strip();
        try {
            if (NUMERIC_OFFSET.matcher(s).matches()) {
                return ZoneOffset.of(s.length() == 5 ? s.substring(0, 3) + ":" + s.substring(3) : s);
            }
            switch (s.toUpperCase(Locale.ROOT)) {
                case "UTC", "GMT", "Z":
                    return ZoneOffset.UTC;
                case "BST":
                    return ZoneOffset.ofHours(1);
                default:
                    return s.contains("/") && s.length() <= 64 ? ZoneId.of(s) : null;
            }
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A date and time in one text: ISO-8601 ({@link #fromIso}) or a date and a time separated by a
     * space in one of the forms of {@link #fromDateAndTime}, such as UK day-first
     * {@code 01/05/2024 10:12:01}.
     */
    public static Instant fromDateTime(String text, ZoneId zone) {
        if (text == null || text.length() > 64) {
            return null;
        }
        String s = text.strip();
        Instant iso = fromIso(s, zone);
        if (iso != null) {
            return iso;
        }
        int space = s.indexOf(' ');
        return space < 0 ? null : fromDateAndTime(s.substring(0, space), s.substring(space + 1), zone);
    }
}
