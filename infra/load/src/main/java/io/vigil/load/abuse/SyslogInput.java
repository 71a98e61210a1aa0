package io.vigil.load.abuse;

/**
 * One message for intake's syslog listener, and what intake must make of it.
 *
 * @param kind how it was made
 * @param vendor the vendor whose line it started from
 * @param payload the bytes of the message, without its framing
 * @param decoderReason the reason the listener's framing must quarantine it with, or {@code null} when the
 *     framing passes it on to the parser
 * @param mustReject whether it can only be quarantined (never an alert or an ignored line)
 */
public record SyslogInput(Kind kind, String vendor, byte[] payload, String decoderReason, boolean mustReject) {

    /** How a message was made. */
    public enum Kind {
        /** A good line of the vendor, with its own user. */
        VALID(false),
        /** A good line cut off. */
        TRUNCATED(false),
        /** A value replaced by junk, odd text or a long run of characters. */
        FIELD_JUNK(false),
        /** A syslog header that is none: a priority out of range, unclosed, a 5424 version of letters. */
        BROKEN_HEADER(false),
        /** Bytes that are not UTF-8 inside the line. */
        INVALID_UTF8(false),
        /** Random bytes. */
        BINARY_GARBAGE(false),
        /** Longer than the listener's longest message. */
        OVERLONG(false),
        /** A datagram with nothing but line ends. */
        EMPTY_DATAGRAM(false),
        /** TCP octet counting done right. */
        OCTET_COUNTED(true),
        /** TCP octet counting that promises more bytes than come before the connection ends. */
        OCTET_SHORT(true),
        /** TCP octet counting with a count over the longest message. */
        OCTET_OVER_MAX(true),
        /** TCP octet counting with a count of eleven digits and more. */
        OCTET_ABSURD(true);

        /** Whether the message carries its own framing (and, but for {@link #OCTET_COUNTED}, ends its connection). */
        public final boolean framed;

        Kind(boolean framed) {
            this.framed = framed;
        }
    }

    /** Whether nothing may follow it on its connection (the framing is broken and eats what comes next). */
    public boolean endsConnection() {
        return kind.framed && kind != Kind.OCTET_COUNTED;
    }
}
