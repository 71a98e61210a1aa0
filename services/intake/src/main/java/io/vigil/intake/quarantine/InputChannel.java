package io.vigil.intake.quarantine;

import java.util.List;

/** The ways raw appliance input reaches intake, as named in quarantine entries and metrics. */
public final class InputChannel {

    public static final String SYSLOG_TCP = "syslog-tcp";
    public static final String SYSLOG_UDP = "syslog-udp";
    public static final String SYSLOG_TLS = "syslog-tls";
    /** Report uploads (Smoothwall CSV exports). */
    public static final String CSV = "csv";
    public static final List<String> ALL = List.of(SYSLOG_TCP, SYSLOG_UDP, SYSLOG_TLS, CSV);

    private InputChannel() {
    }
}
