package io.vigil.load.abuse;

import io.vigil.load.abuse.SyslogInput.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Messages for intake's syslog listener, started from good lines of each vendor Vigil reads
 * (FortiGate, Sophos, Smoothwall, e2guardian, CEF), in RFC 3164, RFC 5424 or bare form, and spoilt. Every
 * newline-framed message is made to be exactly one message to the listener: no line ends, no NUL, and it
 * does not start with a digit (which would read as an octet count), so what intake counts can be held
 * against what was sent.
 */
public final class SyslogInputs {

    /** The vendors, each with an appliance of its own in an abuse run. */
    public static final List<String> VENDORS = List.of("fortigate", "sophos", "smoothwall", "e2guardian", "cef");
    /** Intake's default longest syslog message. */
    public static final int MAX_LINE = 8192;
    public static final String TOO_LONG = "frame longer than " + MAX_LINE + " bytes";
    public static final String CUT_SHORT = "stream ended inside a message";
    public static final String EMPTY = "empty datagram";

    private SyslogInputs() {
    }

    /** A good line of {@code vendor} whose user is {@code user}, without a syslog header where the vendor sends none. */
    public static String line(String vendor, String user) {
        return switch (vendor) {
            case "fortigate" -> "date=2026-11-20 time=10:12:01 devname=\"FG100E\" devid=\"FG100ETK18000001\" "
                    + "logid=\"0316013056\" type=\"utm\" subtype=\"webfilter\" eventtype=\"ftgd_blk\" level=\"warning\" "
                    + "srcip=10.0.0.5 hostname=\"casino.example.test\" action=\"blocked\" url=\"/play\" "
                    + "catdesc=\"Gambling\" user=\"" + user + "\"";
            case "sophos" -> "device=\"SFW\" date=2026-11-20 time=10:12:01 timezone=\"GMT\" device_name=\"XG230\" "
                    + "log_id=050901616001 log_type=\"Content Filtering\" log_component=\"HTTP\" log_subtype=\"Denied\" "
                    + "user_name=\"" + user + "\" category=\"Gambling\" url=\"http://casino.example.test/\" src_ip=10.0.0.5";
            case "smoothwall" -> "<134>Nov 20 10:12:01 swg1 smoothwall: time=\"2026-11-20 10:12:01\" username=\""
                    + user + "\" ip=10.0.0.5 group=\"Pupils\" action=blocked categories=\"Gambling\" "
                    + "url=\"http://casino.example.test/\" httpcode=403";
            case "e2guardian" -> "<134>Nov 20 10:12:01 proxy e2guardian[4321]: 2026.11.20 10:12:01 " + user
                    + " 10.0.0.5 http://adult.example.test/ *DENIED* Banned site: adult.example.test GET 0 0 "
                    + "Pornography 1 403 text/html LAPTOP-42 Pupils -";
            case "cef" -> "CEF:0|Vendor|Product|1.0|100|Blocked|5|act=blocked suser=" + user
                    + " src=10.0.0.5 request=https://casino.example.test/ cs1Label=Category cs1=Gambling";
            default -> throw new IllegalArgumentException("No lines for vendor " + vendor);
        };
    }

    /**
     * One message for the listener; {@code tcp} allows the kinds that only TCP framing has, and
     * {@code user} makes a good line's alert its own.
     */
    public static SyslogInput next(SplittableRandom random, String vendor, boolean tcp, String user) {
        Kind kind;
        int roll = random.nextInt(100);
        if (roll < 15) {
            kind = Kind.VALID;
        } else if (tcp && roll < 25) {
            kind = List.of(Kind.OCTET_COUNTED, Kind.OCTET_COUNTED, Kind.OCTET_SHORT, Kind.OCTET_OVER_MAX,
                    Kind.OCTET_ABSURD).get(random.nextInt(5));
        } else if (!tcp && roll < 18) {
            kind = Kind.EMPTY_DATAGRAM;
        } else {
            kind = List.of(Kind.TRUNCATED, Kind.FIELD_JUNK, Kind.FIELD_JUNK, Kind.BROKEN_HEADER, Kind.INVALID_UTF8,
                    Kind.BINARY_GARBAGE, Kind.OVERLONG).get(random.nextInt(7));
        }
        return make(kind, random, vendor, user);
    }

    static SyslogInput make(Kind kind, SplittableRandom random, String vendor, String user) {
        String good = withHeader(line(vendor, user), random);
        return switch (kind) {
            case VALID -> text(kind, vendor, good);
            case TRUNCATED -> text(kind, vendor, good.substring(0, 1 + random.nextInt(good.length() - 1)));
            case FIELD_JUNK -> text(kind, vendor, fieldJunk(good, random));
            case BROKEN_HEADER -> text(kind, vendor, JsonMutations.pick(new String[] {"<999>", "<-1>", "<>", "<13",
                "<1a4>", "<134>x ", "<134>1 not-a-time ", "<134>999 2026-11-20T10:12:01Z ", "<134>Feb 31 99:99:99 ",
                "<" + "9".repeat(40) + ">"}, random) + line(vendor, user));
            case INVALID_UTF8 -> {
                byte[] bytes = utf8(good);
                int at = random.nextInt(bytes.length);
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xC0, (byte) 0xAF}};
                byte[] insert = bad[random.nextInt(bad.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, at);
                out.writeBytes(insert);
                out.write(bytes, at, bytes.length - at);
                yield new SyslogInput(kind, vendor, safe(out.toByteArray()), null, false);
            }
            case BINARY_GARBAGE -> new SyslogInput(kind, vendor, safe(JsonMutations.garbage(random,
                    1 + random.nextInt(2000))), null, false);
            case OVERLONG -> new SyslogInput(kind, vendor, safe(utf8(good + " pad=" + "A".repeat(MAX_LINE
                    + random.nextInt(3 * MAX_LINE)))), TOO_LONG, true);
            case EMPTY_DATAGRAM -> new SyslogInput(kind, vendor, utf8(JsonMutations.pick(new String[] {"\n", "\r\n",
                "\u0000", "\n\n\r"}, random)), EMPTY, true);
            case OCTET_COUNTED -> {
                byte[] body = utf8(good);
                yield new SyslogInput(kind, vendor, concat(utf8(body.length + " "), body), null, false);
            }
            case OCTET_SHORT -> {
                byte[] body = utf8(good);
                int promised = Math.min(MAX_LINE, body.length + 1 + random.nextInt(500));
                yield new SyslogInput(kind, vendor, concat(utf8(promised + " "), body), CUT_SHORT, true);
            }
            case OCTET_OVER_MAX -> new SyslogInput(kind, vendor, concat(utf8((MAX_LINE + 1 + random.nextInt(15 * MAX_LINE))
                    + " "), utf8(good)), TOO_LONG, true);
            case OCTET_ABSURD -> new SyslogInput(kind, vendor, concat(utf8("9".repeat(11 + random.nextInt(20)) + " "),
                    utf8(good)), TOO_LONG, true);
        };
    }

    /** The line as is (bare), behind an RFC 3164 header, or behind an RFC 5424 header. */
    private static String withHeader(String line, SplittableRandom random) {
        if (line.startsWith("<")) {
            return line;
        }
        return switch (random.nextInt(3)) {
            case 0 -> line;
            case 1 -> "<134>Nov 20 10:12:01 filter " + line;
            default -> "<134>1 2026-11-20T10:12:01.000Z filter app - - - " + line;
        };
    }

    private static String fieldJunk(String line, SplittableRandom random) {
        String[] words = line.split(" ");
        int at = random.nextInt(words.length);
        String junk = switch (random.nextInt(4)) {
            case 0 -> JsonMutations.pick(JsonMutations.ODD_TEXT, random);
            case 1 -> "x".repeat(1 + random.nextInt(4000));
            case 2 -> JsonMutations.pick(JsonMutations.BIG_NUMBERS, random);
            default -> "=\"" + "\\".repeat(1 + random.nextInt(5));
        };
        int eq = words[at].indexOf('=');
        words[at] = eq >= 0 ? words[at].substring(0, eq + 1) + junk : junk;
        return String.join(" ", words);
    }

    private static SyslogInput text(Kind kind, String vendor, String text) {
        return new SyslogInput(kind, vendor, safe(utf8(text)), null, false);
    }

    /**
     * The bytes made one newline-framed message: line ends and NUL become spaces, and a first byte the
     * framing would read otherwise (a digit, a blank) is replaced.
     */
    static byte[] safe(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n' || out[i] == '\r' || out[i] == 0) {
                out[i] = ' ';
            }
        }
        if (out.length == 0) {
            return new byte[] {'#'};
        }
        if (out[0] == ' ' || (out[0] >= '0' && out[0] <= '9')) {
            out[0] = '#';
        }
        // A message of blanks only would be no message at all.
        boolean blank = true;
        for (byte b : out) {
            blank &= b == ' ';
        }
        if (blank) {
            out[out.length - 1] = '#';
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
