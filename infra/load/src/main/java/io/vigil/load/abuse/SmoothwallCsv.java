package io.vigil.load.abuse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Smoothwall report exports (CSV) for the report upload, each spoilt in one of many ways: quotes left
 * open, cells missing or too many, huge cells, dates and codes that are none, formulae, binary rows,
 * byte order marks, bare carriage returns, bytes that are not UTF-8. Some rows of every file stay good,
 * so an upload exercises both reading and rejecting.
 */
public final class SmoothwallCsv {

    public static final String HEADER = "Time,Username,Source IP,Group,HTTP Code,URL,Categories";

    private SmoothwallCsv() {
    }

    /** One upload of 0 to 20 rows. */
    public static byte[] upload(SplittableRandom random, String marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(12)) {
            case 0 -> {
                return new byte[0];
            }
            case 1 -> {
                return JsonMutations.garbage(random, 1 + random.nextInt(4096));
            }
            case 2 -> out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case 3 -> out.writeBytes(utf8("Time;Username;URL\n"));
            case 4 -> out.writeBytes(utf8("\"Time,Username\n"));
            default -> {
            }
        }
        out.writeBytes(utf8(HEADER + (random.nextInt(8) == 0 ? "\r" : "") + "\n"));
        int rows = random.nextInt(21);
        for (int i = 0; i < rows; i++) {
            out.writeBytes(row(random, marker + "-" + i));
        }
        return out.toByteArray();
    }

    private static byte[] row(SplittableRandom random, String user) {
        String[] cells = {"2026-11-20 10:12:01", user, "10.0.0.5", "Year 9", "403", "https://casino.example.test/p?q=1",
            "\"Gambling, Games\""};
        String end = random.nextInt(10) == 0 ? "\r\n" : "\n";
        switch (random.nextInt(16)) {
            case 0 -> cells[0] = JsonMutations.pick(new String[] {"", "yesterday", "2026-13-45 25:61:61", "0",
                "99999-01-01 00:00:00", "2026-11-20T10:12:01+99:00", "\u0661\u0662:\u0663\u0664"}, random);
            case 1 -> cells[4] = JsonMutations.pick(new String[] {"", "abc", "-1", "99999999999999999999", "4O3"}, random);
            case 2 -> cells[5] = JsonMutations.pick(new String[] {"", "not a url", "http://", "javascript:alert(1)",
                "https://" + "a".repeat(20_000) + ".test/"}, random);
            case 3 -> cells[6] = "\"Gambling";
            case 4 -> cells[1] = "=HYPERLINK(\"\"http://x.invalid\"\",\"\"x\"\")";
            case 5 -> {
                return utf8(String.join(",", cells).substring(0, 1 + random.nextInt(30)) + end);
            }
            case 6 -> {
                return utf8(String.join(",", cells) + ",extra".repeat(1 + random.nextInt(100)) + end);
            }
            case 7 -> {
                byte[] garbage = JsonMutations.garbage(random, 1 + random.nextInt(300));
                return concat(garbage, utf8(end));
            }
            case 8 -> cells[1] = "x".repeat(17_000);
            case 9 -> {
                return concat(utf8(cells[0] + ","), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF},
                        utf8("," + String.join(",", java.util.Arrays.copyOfRange(cells, 2, cells.length)) + end));
            }
            case 10 -> cells[1] = JsonMutations.pick(JsonMutations.ODD_TEXT, random).replace("\"", "\"\"");
            case 11 -> end = "\r";
            default -> {
            }
        }
        return utf8(String.join(",", cells) + end);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
