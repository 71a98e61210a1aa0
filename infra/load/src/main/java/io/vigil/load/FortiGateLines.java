package io.vigil.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FortiGate web-filter "blocked" lines as a FortiGate sends them over syslog (FortiOS key=value form),
 * each with its own user, so each becomes an alert with its own id: FortiGate lines without
 * {@code eventtime} are identified by a digest of the line. The run's marker is part of every user
 * name, so a consumer can count this run's alerts and no others.
 */
final class FortiGateLines {

    private static final String[] CATEGORIES = {"Gambling", "Pornography", "Violence", "Weapons", "Drug Abuse"};

    private FortiGateLines() {
    }

    /** The user name of line {@code i} of the run marked {@code marker}. */
    static String user(String marker, long i) {
        return marker + "-" + i;
    }

    static String line(String marker, long i) {
        return "date=2026-11-23 time=10:12:01 devname=\"FG100E-School\" devid=\"FG100ETK18000001\" "
                + "logid=\"0316013056\" type=\"utm\" subtype=\"webfilter\" eventtype=\"ftgd_blk\" level=\"warning\" "
                + "srcip=10.0.0.5 hostname=\"blocked.example.test\" action=\"blocked\" url=\"/p?q=x\" "
                + "catdesc=\"" + CATEGORIES[(int) (i % CATEGORIES.length)] + "\" user=\"" + user(marker, i) + "\"";
    }

    /**
     * Lines {@code from} (inclusive) to {@code to} (exclusive), newline-framed, in chunks of about
     * {@code chunkBytes}: what one TCP connection writes, encoded before the clock starts.
     */
    static List<byte[]> chunks(String marker, long from, long to, int chunkBytes) {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(chunkBytes + 512);
        for (long i = from; i < to; i++) {
            chunk.writeBytes((line(marker, i) + "\n").getBytes(StandardCharsets.UTF_8));
            if (chunk.size() >= chunkBytes) {
                chunks.add(chunk.toByteArray());
                chunk.reset();
            }
        }
        if (chunk.size() > 0) {
            chunks.add(chunk.toByteArray());
        }
        return chunks;
    }
}
