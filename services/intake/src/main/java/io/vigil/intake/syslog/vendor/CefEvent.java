package io.vigil.intake.syslog.vendor;

import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.parse.Texts;
import io.vigil.intake.parse.Times;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ArcSight Common Event Format record:
 * {@code CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension}.
 * The header escapes {@code \|} and {@code \\}; the extension is {@code key=value} pairs whose values
 * may hold spaces and escape {@code \=}, {@code \\}, {@code \n} and {@code \r}.
 */
record CefEvent(String version, String deviceVendor, String deviceProduct, String deviceVersion,
        String signatureId, String name, String severity, Map<String, String> extension) {

    private static final int HEADER_FIELDS = 7;
    private static final DateTimeFormatter CEF_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("MMM d yyyy HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ENGLISH);

    /** Whether the line carries a CEF record. */
    static boolean isCef(String line) {
        return line.contains("CEF:");
    }

    /** Reads the record starting at the first {@code CEF:} of the line; rejects what is not a whole record. */
    static CefEvent parse(String line, ParserLimits limits) {
        int start = line.indexOf("CEF:");
        if (start < 0) {
            throw BaseParser.reject("not a CEF record");
        }
        List<String> header = new ArrayList<>(HEADER_FIELDS);
        StringBuilder field = new StringBuilder();
        int i = start + 4;
        while (i < line.length() && header.size() < HEADER_FIELDS) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '|' || line.charAt(i + 1) == '\\')) {
                field.append(line.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
            i++;
        }
        if (header.size() < HEADER_FIELDS) {
            throw BaseParser.reject("CEF header has " + (header.size() + 1) + " of 8 fields");
        }
        String version = header.get(0).strip();
        if (version.isEmpty() || version.length() > 3 || !version.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw BaseParser.reject("CEF version is not a number: " + Texts.clip(version, 20));
        }
        for (int h = 1; h < HEADER_FIELDS; h++) {
            String problem = limits.checkField("CEF header " + (h + 1), header.get(h));
            if (problem != null) {
                throw BaseParser.reject(problem);
            }
        }
        Map<String, String> extension = extension(line.substring(i), limits);
        return new CefEvent(version, header.get(1), header.get(2), header.get(3), header.get(4), header.get(5),
                header.get(6), extension);
    }

    /** Reads the extension: a key is a word of letters, digits, {@code _}, {@code .} or {@code -} before an unescaped {@code =}. */
    static Map<String, String> extension(String ext, ParserLimits limits) {
        List<int[]> keys = new ArrayList<>();
        for (int e = ext.indexOf('='); e >= 0; e = ext.indexOf('=', e + 1)) {
            if (escaped(ext, e)) {
                continue;
            }
            int k = e;
            while (k > 0 && isKeyChar(ext.charAt(k - 1))) {
                k--;
            }
            if (k < e && (k == 0 || ext.charAt(k - 1) == ' ')) {
                keys.add(new int[] {k, e});
                String problem = limits.checkFieldCount(keys.size());
                if (problem != null) {
                    throw BaseParser.reject(problem);
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int j = 0; j < keys.size(); j++) {
            int[] key = keys.get(j);
            int valueEnd = j + 1 < keys.size() ? keys.get(j + 1)[0] : ext.length();
            String name = ext.substring(key[0], key[1]);
            String raw = ext.substring(key[1] + 1, valueEnd);
            String problem = limits.checkField(Texts.clip(name, 64), raw);
            if (problem != null) {
                throw BaseParser.reject(problem);
            }
            values.putIfAbsent(name, unescape(raw.stripTrailing()));
        }
        return Collections.unmodifiableMap(values);
    }

    private static boolean escaped(String s, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }

    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case '=', '\\', '|' -> out.append(next);
                    default -> out.append(c).append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The extension value, or {@code null} when absent, blank or {@code -}. */
    String get(String key) {
        return Texts.present(extension.get(key));
    }

    /** The value of the custom string ({@code cs1} to {@code cs6}) whose label holds the word, ignoring case. */
    String labelled(String word) {
        for (int n = 1; n <= 6; n++) {
            String label = get("cs" + n + "Label");
            if (label != null && label.toLowerCase(Locale.ROOT).contains(word)) {
                String value = get("cs" + n);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /**
     * A CEF time value: epoch milliseconds, {@code MMM dd yyyy HH:mm:ss[.SSS] [zone]} (read in the
     * given zone when no zone is named) or ISO-8601; {@code null} when absent or unreadable.
     */
    Instant time(String key, ZoneId zone) {
        String value = get(key);
        if (value == null || value.length() > 64) {
            return null;
        }
        Instant epoch = Times.fromEpoch(value);
        if (epoch != null) {
            return epoch;
        }
        Instant iso = Times.fromIso(value, zone);
        if (iso != null) {
            return iso;
        }
        String[] words = value.split(" +");
        if (words.length < 4) {
            return null;
        }
        ZoneId named = words.length > 4 ? Times.zoneOf(words[4]) : zone;
        try {
            String text = words[0] + " " + words[1] + " " + words[2] + " " + words[3];
            Instant instant = LocalDateTime.parse(text, CEF_TIME).atZone(named == null ? zone : named).toInstant();
            return Times.plausible(instant) ? instant : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
