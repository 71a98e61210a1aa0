package io.vigil.intake.syslog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** The syslog listeners. */
@ConfigMapping(prefix = "vigil.intake.syslog")
public interface SyslogConfig {

    /** Whether the listeners start. */
    @WithDefault("true")
    boolean enabled();

    /** The address the listeners bind to. */
    @WithDefault("0.0.0.0")
    String host();

    /** TCP port (RFC 6587 octet-counting or newline framing); 0 picks a free port. */
    @WithDefault("5140")
    int tcpPort();

    /** UDP port (one message per datagram); 0 picks a free port. */
    @WithDefault("5140")
    int udpPort();

    /** The longest line accepted, in bytes; a longer one is quarantined and the stream goes on. */
    @WithDefault("8192")
    int maxLineLength();

    /** Lines in flight per TCP connection before the connection is paused until Kafka catches up. */
    @WithDefault("5000")
    int maxInFlight();

    /** The zone of appliance times written without one. */
    @WithDefault("Europe/London")
    ZoneId zone();
}
