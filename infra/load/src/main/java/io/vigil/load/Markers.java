package io.vigil.load;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Markers that tell one measurement's alerts from every other's. Each is a fixed-length random
 * string, so no marker is part of another and a marker never occurs in an event by chance.
 */
final class Markers {

    static final int LENGTH = 12;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Markers() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] marker = new char[LENGTH];
        marker[0] = 'L';
        for (int i = 1; i < LENGTH; i++) {
            marker[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(marker);
    }
}
