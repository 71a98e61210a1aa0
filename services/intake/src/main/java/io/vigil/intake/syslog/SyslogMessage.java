package io.vigil.intake.syslog;

import java.time.Instant;

/**
 * A syslog message from an appliance with its header read. Fields the header did not carry, or
 * carried in a form that could not be read, are {@code null}; {@link #message()} is never null.
 *
 * @param format which header form was found
 * @param facility the facility from PRI (0-23), or {@code null}
 * @param severity the severity from PRI (0 emergency to 7 debug), or {@code null}
 * @param timestamp the header time, or {@code null}
 * @param hostname the sending host, or {@code null}
 * @param appName the program (RFC 5424 APP-NAME, RFC 3164 TAG), or {@code null}
 * @param procId the process id, or {@code null}
 * @param msgId the RFC 5424 MSGID, or {@code null}
 * @param structuredData the RFC 5424 structured data as sent (without NILVALUE), or {@code null}
 * @param message the free text after the header: what the vendor parsers read
 */
public record SyslogMessage(
        Format format,
        Integer facility,
        Integer severity,
        Instant timestamp,
        String hostname,
        String appName,
        String procId,
        String msgId,
        String structuredData,
        String message) {

    /** The header form of a message. */
    public enum Format {
        /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}. */
        RFC5424,
        /** {@code <PRI>Mmm dd hh:mm:ss HOST TAG: MSG}, or a PRI followed by anything else. */
        RFC3164,
        /** No PRI: the whole text is the message (for example a line read from a log file). */
        NONE
    }

    public SyslogMessage {
        if (format == null) {
            format = Format.NONE;
        }
        if (message == null) {
            message = "";
        }
    }

    /** A message with no header: the whole text is the message. */
    public static SyslogMessage ofText(String text) {
        return new SyslogMessage(Format.NONE, null, null, null, null, null, null, null, null, text);
    }
}
