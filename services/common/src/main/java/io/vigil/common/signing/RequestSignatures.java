package io.vigil.common.signing;

import io.vigil.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 request signing, the same in both directions: appliances sign what they send to
 * intake, and notification signs the webhooks it calls. The signature covers the timestamp and the
 * exact body bytes: {@code X-Vigil-Signature: sha256=hex(HMAC(secret, timestamp + "." + body))} with
 * {@code X-Vigil-Timestamp} in Unix seconds. A request whose timestamp is more than the replay window
 * away from now is rejected, so a captured request cannot be replayed later; within the window a
 * replay is harmless because receivers are idempotent (intake by appliance and event id).
 */
public final class RequestSignatures {

    public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    private static final String SCHEME = "sha256=";

    private RequestSignatures() {
    }

    /** The signature header value for a body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(Long.toString(epochSeconds).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return SCHEME + HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Checks a signed request; 401 problem+json with the reason when it does not verify. */
    public static void verify(String secret, String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            throw ProblemException.unauthorized("This appliance signs its requests: the " + TIMESTAMP_HEADER
                    + " and " + SIGNATURE_HEADER + " headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.unauthorized(TIMESTAMP_HEADER + " must be a Unix time in seconds");
        }
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > REPLAY_WINDOW.toSeconds()) {
            throw ProblemException.unauthorized("The request timestamp is more than "
                    + REPLAY_WINDOW.toMinutes() + " minutes from the current time (replayed or clock wrong)");
        }
        byte[] expected = sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw ProblemException.unauthorized("The request signature does not match its body");
        }
    }
}
