package io.vigil.intake.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable event ids for lines whose appliance gives none: the same line always gets the same id. */
public final class Digests {

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private Digests() {
    }

    /** {@code sha256:} and the hex SHA-256 of the text with runs of white space made one space and trimmed. */
    public static String ofNormalised(String text) {
        String normalised = text == null ? "" : WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return "sha256:" + sha256Hex(normalised);
    }

    /** The hex SHA-256 of the UTF-8 bytes of the text. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The id as given when it fits the 200 characters an event id may have, else its digest. */
    public static String fitted(String id) {
        return id.length() <= 200 ? id : "sha256:" + sha256Hex(id);
    }
}
