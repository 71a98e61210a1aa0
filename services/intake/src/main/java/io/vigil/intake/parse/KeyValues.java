package io.vigil.intake.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code key=value key2="value with spaces"} lines that FortiGate, Sophos Firewall and
 * Smoothwall appliances send. Quoted values may hold {@code \"} and {@code \\}; the first of a
 * repeated key wins; words without {@code =} are skipped.
 */
public final class KeyValues {

    private final Map<String, String> fields;
    private final String error;

    private KeyValues(Map<String, String> fields, String error) {
        this.fields = fields;
        this.error = error;
    }

    /** Reads the pairs of a line within the limits; never throws. */
    public static KeyValues parse(String text, ParserLimits limits) {
        Map<String, String> fields = new LinkedHashMap<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '=' || i == keyStart) {
                i = skipWord(text, i);
                continue;
            }
            String key = text.substring(keyStart, i);
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i = readQuoted(text, i + 1, value, limits.maxFieldLength());
                if (i < 0) {
                    return failure(i == TOO_LONG ? limits.fieldTooLong(clip(key))
                            : "unterminated quoted value of field " + clip(key));
                }
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                value.append(text, start, i);
            }
            String problem = firstProblem(limits.checkField("name", key), limits.checkField(clip(key), value.toString()));
            if (problem != null) {
                return failure(problem);
            }
            fields.putIfAbsent(key, value.toString());
            problem = limits.checkFieldCount(fields.size());
            if (problem != null) {
                return failure(problem);
            }
        }
        return new KeyValues(Collections.unmodifiableMap(fields), null);
    }

    private static final int UNTERMINATED = -1;
    private static final int TOO_LONG = -2;

    private static int readQuoted(String text, int i, StringBuilder value, int maxLength) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
            if (value.length() > maxLength) {
                return TOO_LONG;
            }
        }
        return UNTERMINATED;
    }

    private static int skipWord(String text, int i) {
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String firstProblem(String a, String b) {
        return a != null ? a : b;
    }

    private static String clip(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "...";
    }

    private static KeyValues failure(String error) {
        return new KeyValues(Map.of(), error);
    }

    /** Why the line could not be read, or {@code null} when it was. */
    public String error() {
        return error;
    }

    /** The pairs in the order they came, first of each key. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The value, or {@code null} when absent, blank or {@code -}. */
    public String get(String key) {
        return Texts.present(fields.get(key));
    }

    /** The first present value among the keys, or {@code null}. */
    public String first(String... keys) {
        for (String key : keys) {
            String value = get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Whether the key is there at all, even empty. */
    public boolean has(String key) {
        return fields.containsKey(key);
    }
}
