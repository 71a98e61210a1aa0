package io.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of the stack's real SMTP server that a test can take down and bring
 * back: while down, its port refuses connections and every open connection is cut, exactly what a
 * client sees when the mail server stops; the messages themselves always reach the real server.
 */
public final class SmtpOutage implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private SmtpOutage(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    /** A relay to {@code targetHost:targetPort} on a free loopback port, up. */
    public static SmtpOutage relayTo(String targetHost, int targetPort) {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SmtpOutage relay = new SmtpOutage(targetHost, targetPort, port);
        relay.up();
        return relay;
    }

    public int port() {
        return port;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + port + " again", e);
        }
        Thread acceptor = new Thread(() -> accept(listener), "vigil-smtp-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Refuses connections and cuts every open one, as a stopped mail server would. */
    public synchronized void down() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        open.forEach(SmtpOutage::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        down();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // The real server did not answer: the client's connection is closed by pipe's end.
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // Cut by down(), or the other side closed.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "vigil-smtp-relay-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
