package io.vigil.contracts.envelope;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New event ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the Unix time in milliseconds and
 * the rest random. Every consumer records the ids it has processed, and every outbox the ids it holds, in a
 * B-tree index; ids that grow with time are written at that index's right edge, where a random id
 * (version 4) lands on any of its pages. Ids of one millisecond come in random order among themselves.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    /** A new id for an event created now. */
    public static String next() {
        return at(System.currentTimeMillis()).toString();
    }

    /** A version 7 UUID for the given Unix time in milliseconds, random in its other 74 bits. */
    static UUID at(long unixMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 // 48 bits of time
                | 0x7000L // version 7
                | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL); // 12 random bits
        long low = 0x8000_0000_0000_0000L; // variant 10 (RFC 9562)
        for (int i = 2; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        low = 0x8000_0000_0000_0000L | (low & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }
}
