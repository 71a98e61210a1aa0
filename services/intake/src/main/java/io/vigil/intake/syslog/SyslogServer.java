package io.vigil.intake.syslog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
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
    static final String TCP = "syslog-tcp";
    static final String UDP = "syslog-udp";

    @Inject
    Vertx vertx;

    @Inject
    SyslogConfig config;

    @Inject
    SyslogSources sources;

    @Inject
    SyslogIngest ingest;

    private NetServer tcp;
    private DatagramSocket udp;
    private volatile int tcpPort;
    private volatile int udpPort;

    void start(@Observes StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        tcp = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.tcpPort())
                .setTcpKeepAlive(true));
        tcp.connectHandler(this::onConnection);
        tcpPort = tcp.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        udp = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 * 1024 * 1024));
        udp.handler(packet -> onDatagram(packet.sender().host(), packet.data()));
        udp.listen(config.udpPort(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        udpPort = udp.localAddress().port();
        LOG.infof("Syslog listening on %s, TCP port %d and UDP port %d", config.host(), tcpPort, udpPort);
    }

    void stop(@Observes ShutdownEvent event) {
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

    /** The UDP port actually bound. */
    public int udpPort() {
        return udpPort;
    }

    private void onConnection(NetSocket socket) {
        String address = socket.remoteAddress().hostAddress();
        Optional<AuthenticatedAppliance> appliance = resolve(address);
        if (appliance.isEmpty()) {
            ingest.unknownSender(TCP, address);
            socket.close();
            return;
        }
        new Connection(socket, address, appliance.get()).start();
    }

    private void onDatagram(String address, Buffer data) {
        Optional<AuthenticatedAppliance> appliance = resolve(address);
        if (appliance.isEmpty()) {
            ingest.unknownSender(UDP, address);
            return;
        }
        byte[] bytes = data.getBytes();
        Frame frame = SyslogFrameDecoder.ofDatagram(bytes, 0, bytes.length, config.maxLineLength());
        vertx.executeBlocking(() -> ingest.ingest(UDP, address, appliance.get(), List.of(frame)), false);
    }

    private Optional<AuthenticatedAppliance> resolve(String address) {
        try {
            // A literal address: no name lookup happens.
            return sources.resolve(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One TCP sender: its decoder, and how many of its alerts wait for the broker. */
    private final class Connection {

        private final NetSocket socket;
        private final String address;
        private final AuthenticatedAppliance appliance;
        private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(config.maxLineLength());
        private int inFlight;
        private boolean paused;

        Connection(NetSocket socket, String address, AuthenticatedAppliance appliance) {
            this.socket = socket;
            this.address = address;
            this.appliance = appliance;
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
            vertx.<CompletableFuture<Void>>executeBlocking(() -> ingest.ingest(TCP, address, appliance, frames), true)
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
