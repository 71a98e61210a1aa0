package io.vigil.reporting.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a link of the audit chain is hashed (ADR 0009). A link's hash is the lowercase hexadecimal
 * SHA-256 of the UTF-8 bytes of its canonical form; the canonical form contains the previous link's
 * hash, so each link seals every link before it.
 *
 * <p>The canonical form is one JSON object, written as RFC 8785 (JSON Canonicalization Scheme)
 * writes it for the values a link holds: no whitespace; members sorted by name (UTF-16 code units,
 * as {@link String#compareTo}); strings with only {@code "}, {@code \} and the control characters
 * U+0000 to U+001F escaped ({@code \b \t \n \f \r} where JSON has a short form, otherwise
 * {@code \}{@code u00xx} in lowercase hexadecimal), every other character as itself; integers in
 * plain decimal; an absent value as {@code null}. Its members are exactly: {@code action},
 * {@code actor}, {@code auditId}, {@code details} (an object of strings, sorted the same way),
 * {@code eventId}, {@code occurredAt}, {@code outcome}, {@code previousHash}, {@code recordedAt},
 * {@code resourceId}, {@code resourceType}, {@code schoolId} (null for a trust-wide record),
 * {@code sequence}, {@code service}, {@code trustId}. Instants are UTC, to the microsecond (what
 * PostgreSQL keeps), always written {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}.
 *
 * <p>The first link of a chain names {@link #GENESIS} as its previous hash.
 */
public final class AuditChain {

    /** The previous hash of a chain's first link: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The earliest and latest instants the fixed four-digit-year form can write. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final DateTimeFormatter INSTANT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The hash a link must carry: SHA-256 of its canonical form, in lowercase hexadecimal. */
    public static String hash(AuditLink link) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(sha256.digest(canonical(link).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The canonical form of a link (see the class comment). */
    public static String canonical(AuditLink link) {
        Map<String, Object> members = new TreeMap<>();
        members.put("action", link.action());
        members.put("actor", link.actor());
        members.put("auditId", link.auditId());
        members.put("details", new TreeMap<>(link.details()));
        members.put("eventId", link.eventId());
        members.put("occurredAt", instant(link.occurredAt()));
        members.put("outcome", link.outcome());
        members.put("previousHash", link.previousHash());
        members.put("recordedAt", instant(link.recordedAt()));
        members.put("resourceId", link.resourceId());
        members.put("resourceType", link.resourceType());
        members.put("schoolId", link.schoolId());
        members.put("sequence", link.sequence());
        members.put("service", link.service());
        members.put("trustId", link.trustId());
        StringBuilder out = new StringBuilder(512);
        write(out, members);
        return out.toString();
    }

    /** An instant as the canonical form writes it. */
    public static String instant(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }

    /** An instant cut to the microsecond, the precision the chain and PostgreSQL keep. */
    public static Instant toMicros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Why {@code value} could not be stored and read back unchanged (PostgreSQL refuses U+0000 in
     * text, and a lone surrogate has no UTF-8 form), or null when it can.
     */
    public static String unstorable(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "contains the character U+0000";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone UTF-16 surrogate";
            }
        }
        return null;
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Long number) {
            out.append(number.longValue());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) member.getKey());
                out.append(':');
                write(out, member.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("No canonical form for " + value.getClass().getSimpleName());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.toHexDigits((byte) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
