package io.vigil.stack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of the stack's real SMTP server that a test can take down and bring
 * back: while down, its port refuses connections and every open connection is cut, exactly what a
 * client sees when the mail server stops; the messages themselves always reach the real server. It
 * can also refuse given recipients as a server refuses a mailbox it does not have ({@code 550} to
 * {@code RCPT TO}, which then never reaches the server).
 */
public final class SmtpOutage implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
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

    /** Answers {@code RCPT TO:<address>} with {@code 550} from now on (case-insensitive). */
    public void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /** Passes every recipient to the server again. */
    public void acceptAll() {
        refused.clear();
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
                // A mail client sends a message as many short writes. With Nagle's algorithm on (a Java socket's
                // default) each waited for the server's delayed acknowledgement of the one before, about 40 ms, and
                // the relay, not the mail server, set the sending rate. Off, as a mail client has it.
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                pipe(() -> relayCommands(client, server), client, server);
                pipe(() -> server.getInputStream().transferTo(client.getOutputStream()), server, client);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // The real server did not answer: the client's connection is closed by pipe's end.
            }
        }
    }

    private interface Relaying {
        void run() throws IOException;
    }

    /**
     * Passes the client's lines to the server, except a {@code RCPT TO} of a refused address, which
     * the client gets {@code 550} for (the server is waiting for a command then: SMTP without
     * pipelining answers each command before the next).
     */
    private void relayCommands(Socket client, Socket server) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        // What the client sent in one go goes on in one go: the lines are gathered until nothing more has come.
        OutputStream toServer = new BufferedOutputStream(server.getOutputStream());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            line.write(b);
            if (b == '\n' || in.available() == 0 && line.size() > 0 && !startsLikeRecipient(line)) {
                byte[] bytes = line.toByteArray();
                line.reset();
                if (b == '\n' && refusedRecipient(new String(bytes, StandardCharsets.US_ASCII))) {
                    toServer.flush();
                    client.getOutputStream().write("550 5.1.1 Mailbox unavailable (refused by the test relay)\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } else {
                    toServer.write(bytes);
                }
            }
            if (in.available() == 0) {
                toServer.flush();
            }
        }
        toServer.flush();
    }

    private static boolean startsLikeRecipient(ByteArrayOutputStream line) {
        String start = line.toString(StandardCharsets.US_ASCII);
        String prefix = "RCPT TO:";
        return start.length() < prefix.length() ? prefix.startsWith(start.toUpperCase(Locale.ROOT))
                : start.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private boolean refusedRecipient(String line) {
        if (refused.isEmpty() || !line.regionMatches(true, 0, "RCPT TO:", 0, 8)) {
            return false;
        }
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open
                && refused.contains(line.substring(open + 1, close).strip().toLowerCase(Locale.ROOT));
    }

    private void pipe(Relaying relaying, Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try {
                relaying.run();
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
