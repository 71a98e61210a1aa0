package io.vigil.intake.appliance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Hashing of appliance API keys: only the hash is stored, and lookups compare hashes. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "vgl_";

    private ApiKeys() {
    }

    /** A new key: 256 random bits, URL-safe, with a recognisable prefix for secret scanners. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new request-signing secret: 256 random bits, with its own prefix. */
    public static String generateSigningSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "vgs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The part of a key that may be shown again after it was issued. */
    public static String displayPrefix(String apiKey) {
        return apiKey.substring(0, Math.min(12, apiKey.length()));
    }

    public static String hash(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
