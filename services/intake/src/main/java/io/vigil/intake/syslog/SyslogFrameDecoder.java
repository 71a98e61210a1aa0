package io.vigil.intake.syslog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the byte stream of one TCP syslog connection from an appliance into messages. Both framings
 * of RFC 6587 are read, chosen afresh for every message: octet counting ({@code 57 <134>1 ...},
 * a count of 1-9 then digits, a space and that many bytes) and non-transparent framing (a message
 * ended by LF, CRLF or NUL). A message over the maximum length, or a count over it, gives one error
 * frame and the decoder skips to the next message; memory stays bounded whatever the appliance sends.
 *
 * <p>Not thread-safe: one decoder per connection, fed in the order the bytes arrive.
 */
public final class SyslogFrameDecoder {

    /** Counts up to this many times the maximum are skipped byte for byte; larger ones are taken as garbage. */
    private static final long SKIP_FACTOR = 16;
    private static final int MAX_COUNT_DIGITS = 10;

    private enum State { START, COUNT, COUNTED, LINE, SKIP_LINE, SKIP_COUNT }

    private final int maxLength;
    private byte[] buffer = new byte[256];
    private int size;
    private State state = State.START;
    private long count;
    private long remaining;

    /** @param maxLength the longest message accepted, in bytes (for example 8192) */
    public SyslogFrameDecoder(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        this.maxLength = maxLength;
    }

    /** Feeds the next bytes of the stream; returns the messages they complete, in order. */
    public List<Frame> feed(byte[] bytes, int offset, int length) {
        List<Frame> frames = new ArrayList<>();
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            i = step(bytes, i, end, frames);
        }
        return frames;
    }

    /** Ends the stream: a last message without its LF is returned; a counted message cut short is an error. */
    public List<Frame> finish() {
        List<Frame> frames = new ArrayList<>();
        switch (state) {
            case LINE, COUNT -> {
                if (size > 0) {
                    frames.add(textFrame(true));
                }
            }
            case COUNTED -> frames.add(Frame.ofError(
                    "stream ended inside a message: " + size + " of " + count + " bytes received"));
            default -> {
            }
        }
        reset();
        return frames;
    }

    /** Handles the byte at {@code i}; returns the index of the last byte consumed. */
    private int step(byte[] bytes, int i, int end, List<Frame> frames) {
        byte b = bytes[i];
        switch (state) {
            case START -> {
                if (b == '\n' || b == '\r' || b == 0 || b == ' ') {
                    return i;
                }
                if (b >= '1' && b <= '9') {
                    state = State.COUNT;
                    count = b - '0';
                } else {
                    state = State.LINE;
                }
                append(b);
            }
            case COUNT -> {
                if (b >= '0' && b <= '9') {
                    if (size >= maxLength) {
                        frames.add(tooLong());
                        reset();
                        state = State.SKIP_LINE;
                        return i;
                    }
                    count = size < MAX_COUNT_DIGITS ? count * 10 + (b - '0') : Long.MAX_VALUE;
                    append(b);
                } else if (b == ' ') {
                    startCounted(frames);
                } else {
                    state = State.LINE;
                    return lineByte(b, i, frames);
                }
            }
            case COUNTED -> {
                int take = (int) Math.min(remaining, end - i);
                append(bytes, i, take);
                remaining -= take;
                if (remaining == 0) {
                    frames.add(textFrame(true));
                    reset();
                }
                return i + take - 1;
            }
            case LINE -> {
                return lineByte(b, i, frames);
            }
            case SKIP_LINE -> {
                if (b == '\n' || b == 0) {
                    reset();
                }
            }
            case SKIP_COUNT -> {
                int take = (int) Math.min(remaining, end - i);
                remaining -= take;
                if (remaining == 0) {
                    reset();
                }
                return i + take - 1;
            }
        }
        return i;
    }

    private int lineByte(byte b, int i, List<Frame> frames) {
        if (b == '\n' || b == 0) {
            frames.add(textFrame(false));
            reset();
        } else if (size >= maxLength) {
            frames.add(tooLong());
            reset();
            state = State.SKIP_LINE;
        } else {
            append(b);
        }
        return i;
    }

    private void startCounted(List<Frame> frames) {
        if (count > maxLength) {
            long declared = count;
            frames.add(tooLong());
            reset();
            if (declared <= SKIP_FACTOR * maxLength) {
                state = State.SKIP_COUNT;
                remaining = declared;
            } else {
                state = State.SKIP_LINE;
            }
            return;
        }
        size = 0;
        state = State.COUNTED;
        remaining = count;
        if (remaining == 0) {
            reset();
        }
    }

    private Frame tooLong() {
        return Frame.ofError("frame longer than " + maxLength + " bytes");
    }

    private Frame textFrame(boolean trimTrailingNewline) {
        int length = size;
        while (length > 0 && (buffer[length - 1] == '\r' || (trimTrailingNewline && buffer[length - 1] == '\n'))) {
            length--;
        }
        return Frame.ofText(new String(buffer, 0, length, StandardCharsets.UTF_8));
    }

    private void append(byte b) {
        ensure(size + 1);
        buffer[size++] = b;
    }

    private void append(byte[] bytes, int offset, int length) {
        ensure(size + length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void ensure(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, Math.min(buffer.length * 2, maxLength + 16)));
        }
    }

    private void reset() {
        state = State.START;
        size = 0;
        count = 0;
        remaining = 0;
        if (buffer.length > 4096) {
            buffer = new byte[256];
        }
    }

    /**
     * One UDP datagram as one message: trailing LF, CR and NUL are dropped; an empty or too long
     * datagram is an error frame.
     */
    public static Frame ofDatagram(byte[] bytes, int off, int len, int maxLength) {
        int end = off + len;
        while (end > off && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == 0)) {
            end--;
        }
        if (end - off > maxLength) {
            return Frame.ofError("frame longer than " + maxLength + " bytes");
        }
        if (end == off) {
            return Frame.ofError("empty datagram");
        }
        return Frame.ofText(new String(bytes, off, end - off, StandardCharsets.UTF_8));
    }
}
