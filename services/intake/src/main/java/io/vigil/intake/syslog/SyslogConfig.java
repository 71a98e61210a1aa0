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

    /** Syslog over TLS (RFC 5425), on when a key store is configured. */
    Tls tls();

    /** Syslog over TLS: the listener's certificate and the authority that signs appliances' client certificates. */
    interface Tls {
        /** The TLS port; 0 picks a free port. */
        @WithDefault("6514")
        int port();

        /** PKCS#12 key store with the listener's key and certificate; TLS is off without it. */
        java.util.Optional<String> keyStore();

        java.util.Optional<String> keyStorePassword();

        /** PKCS#12 trust store with the authority that signs the appliances' client certificates. */
        java.util.Optional<String> trustStore();

        java.util.Optional<String> trustStorePassword();
    }

    /** The zone of appliance times written without one. */
    @WithDefault("Europe/London")
    ZoneId zone();
}
