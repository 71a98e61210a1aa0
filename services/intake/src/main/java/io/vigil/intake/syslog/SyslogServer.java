package io.vigil.intake.syslog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PfxOptions;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.quarantine.InputChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The syslog listeners, on Vert.x: TCP (one decoder per connection, so framing errors never end
 * the stream) and UDP (one message per datagram). A sender is identified by its source address
 * before anything it sends is read; an unknown sender's TCP connection is closed at once and its
 * datagrams are counted and dropped. A TCP connection is paused while too many of its alerts wait
 * for the broker, so a flood slows the sender instead of filling memory.
 */
@ApplicationScoped
public class SyslogServer {

    private static final Logger LOG = Logger.getLogger(SyslogServer.class);
    static final String TCP = InputChannel.SYSLOG_TCP;
    static final String UDP = InputChannel.SYSLOG_UDP;
    static final String TLS = InputChannel.SYSLOG_TLS;

    @Inject
    Vertx vertx;

    @Inject
    SyslogConfig config;

    @Inject
    SyslogSources sources;

    @Inject
    SyslogIngest ingest;

    private NetServer tcp;
    private NetServer tls;
    private volatile int tlsPort;
    private DatagramSocket udp;
    private volatile int tcpPort;
    private volatile int udpPort;

    void start(@Observes StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        tcp = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.tcpPort())
                .setTcpKeepAlive(true));
        tcp.connectHandler(socket -> onConnection(socket, TCP));
        tcpPort = tcp.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        udp = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 * 1024 * 1024));
        udp.handler(packet -> onDatagram(packet.sender().host(), packet.data()));
        udp.listen(config.udpPort(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        udpPort = udp.localAddress().port();
        if (config.tls().keyStore().isPresent()) {
            tls = vertx.createNetServer(tlsOptions());
            tls.connectHandler(socket -> onConnection(socket, TLS));
            tlsPort = tls.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        }
        LOG.infof("Syslog listening on %s, TCP port %d, UDP port %d, TLS port %s", config.host(), tcpPort, udpPort,
                tls == null ? "off (no key store)" : Integer.toString(tlsPort));
    }

    /** RFC 5425: TLS with a client certificate signed by the configured authority. */
    private NetServerOptions tlsOptions() {
        SyslogConfig.Tls tlsConfig = config.tls();
        NetServerOptions options = new NetServerOptions().setHost(config.host()).setPort(tlsConfig.port())
                .setTcpKeepAlive(true).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(tlsConfig.keyStore().get())
                        .setPassword(tlsConfig.keyStorePassword().orElse("")))
                .setClientAuth(ClientAuth.REQUIRED);
        tlsConfig.trustStore().ifPresent(path -> options.setTrustOptions(new PfxOptions().setPath(path)
                .setPassword(tlsConfig.trustStorePassword().orElse(""))));
        return options;
    }

    void stop(@Observes ShutdownEvent event) {
        if (tls != null) {
            tls.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        if (udp != null) {
            udp.close();
        }
    }

    /** The TCP port actually bound (useful when configured as 0). */
    public int tcpPort() {
        return tcpPort;
    }

    /** The syslog-TLS port actually bound, or 0 when TLS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The UDP port actually bound. */
    public int udpPort() {
        return udpPort;
    }

    private void onConnection(NetSocket socket, String channel) {
        String address = socket.remoteAddress().hostAddress();
        String subject = TLS.equals(channel) ? clientSubject(socket) : null;
        Optional<AuthenticatedAppliance> appliance = resolve(address, subject);
        if (appliance.isEmpty()) {
            ingest.unknownSender(channel, address);
            socket.close();
            return;
        }
        new Connection(socket, address, appliance.get(), channel).start();
    }

    private static String clientSubject(NetSocket socket) {
        try {
            java.util.List<java.security.cert.Certificate> chain = socket.peerCertificates();
            if (chain != null && !chain.isEmpty() && chain.get(0) instanceof java.security.cert.X509Certificate x509) {
                return x509.getSubjectX500Principal().getName();
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            LOG.debugf("Syslog-TLS sender without a client certificate: %s", e.getMessage());
        }
        return null;
    }

    private void onDatagram(String address, Buffer data) {
        Optional<AuthenticatedAppliance> appliance = resolve(address, null);
        if (appliance.isEmpty()) {
            ingest.unknownSender(UDP, address);
            return;
        }
        byte[] bytes = data.getBytes();
        Frame frame = SyslogFrameDecoder.ofDatagram(bytes, 0, bytes.length, config.maxLineLength());
        vertx.executeBlocking(() -> ingest.ingest(UDP, address, appliance.get(), List.of(frame)), false);
    }

    /** The appliance at {@code address}; one bound to a TLS subject only when that certificate was presented. */
    private Optional<AuthenticatedAppliance> resolve(String address, String tlsSubject) {
        try {
            // A literal address: no name lookup happens.
            return sources.resolve(InetAddress.getByName(address)).filter(binding -> binding.accepts(tlsSubject))
                    .map(SyslogSources.Binding::appliance);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One TCP sender: its decoder, and how many of its alerts wait for the broker. */
    private final class Connection {

        private final NetSocket socket;
        private final String address;
        private final AuthenticatedAppliance appliance;
        private final String channel;
        private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(config.maxLineLength());
        private int inFlight;
        private boolean paused;

        Connection(NetSocket socket, String address, AuthenticatedAppliance appliance, String channel) {
            this.socket = socket;
            this.address = address;
            this.appliance = appliance;
            this.channel = channel;
        }

        void start() {
            socket.handler(buffer -> {
                byte[] bytes = buffer.getBytes();
                submit(decoder.feed(bytes, 0, bytes.length));
            });
            socket.endHandler(ignored -> submit(decoder.finish()));
            socket.exceptionHandler(error -> LOG.debugf("Syslog connection from %s: %s", address, error.getMessage()));
        }

        /** Runs on the connection's event loop. */
        private void submit(List<Frame> frames) {
            if (frames.isEmpty()) {
                return;
            }
            int count = frames.size();
            inFlight += count;
            if (!paused && inFlight > config.maxInFlight()) {
                paused = true;
                socket.pause();
            }
            // Ordered: one connection's lines are read in the order they came.
            vertx.<CompletableFuture<Void>>executeBlocking(() -> ingest.ingest(channel, address, appliance, frames), true)
                    .onComplete(started -> {
                        CompletableFuture<Void> done = started.succeeded() ? started.result()
                                : CompletableFuture.completedFuture(null);
                        done.whenComplete((ok, error) -> vertx.runOnContext(v -> settled(count)));
                    });
        }

        private void settled(int count) {
            inFlight -= count;
            if (paused && inFlight <= config.maxInFlight() / 2) {
                paused = false;
                socket.resume();
            }
        }
    }
}
