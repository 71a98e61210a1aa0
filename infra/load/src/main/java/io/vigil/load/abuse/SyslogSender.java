package io.vigil.load.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * Sends syslog messages to intake's listener from a given loopback address (each appliance of an abuse
 * run sends from its own: 127.0.0.0/8 is all loopback on Linux). Over TCP, newline-framed messages share
 * a connection; a message with broken octet counting ends its connection, since it swallows what follows.
 */
public final class SyslogSender {

    private static final int MESSAGES_PER_CONNECTION = 50;

    private final InetSocketAddress listener;

    public SyslogSender(String host, int port) {
        this.listener = new InetSocketAddress(host, port);
    }

    /** Sends {@code inputs} over TCP from {@code from}, in order. */
    public void tcp(InetAddress from, List<SyslogInput> inputs) throws IOException {
        ByteArrayOutputStream connection = new ByteArrayOutputStream();
        int messages = 0;
        for (SyslogInput input : inputs) {
            connection.writeBytes(input.payload());
            if (!input.kind().framed) {
                connection.write('\n');
            }
            messages++;
            if (input.endsConnection() || messages == MESSAGES_PER_CONNECTION) {
                write(from, connection.toByteArray());
                connection.reset();
                messages = 0;
            }
        }
        if (connection.size() > 0) {
            write(from, connection.toByteArray());
        }
    }

    private void write(InetAddress from, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(listener, 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            // Wait for intake to close its side, so the messages are read before the next connection starts.
            socket.setSoTimeout(30_000);
            while (socket.getInputStream().read() >= 0) {
                // intake sends nothing back
            }
        } catch (java.net.SocketTimeoutException e) {
            // intake keeps the connection open until it has read it; the bytes are delivered either way
        }
    }

    /**
     * Sends {@code inputs} as datagrams from {@code from}, paced ({@code perMillisecond} at most) so that
     * the loopback does not drop them on a busy machine.
     */
    public void udp(InetAddress from, List<SyslogInput> inputs, int perMillisecond) throws IOException,
            InterruptedException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
            int sent = 0;
            for (SyslogInput input : inputs) {
                socket.send(new DatagramPacket(input.payload(), input.payload().length, listener));
                if (++sent % perMillisecond == 0) {
                    Thread.sleep(1);
                }
            }
        }
    }
}
