package io.vigil.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * FortiGate "blocked" lines over a few TCP connections to intake's syslog listener, timed from the
 * first byte written to the moment the last of their alerts is read from {@code vigil.alerts.v1}:
 * the rate at which alerts become durable, not the rate at which a socket takes bytes.
 */
final class SyslogLoad {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final String host;
    private final int port;
    private final int connections;
    private final AlertWatcher watcher;

    SyslogLoad(String host, int port, int connections, AlertWatcher watcher) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.watcher = watcher;
    }

    /** Sends {@code lines} lines marked {@code marker}; answers the seconds until the last alert was seen. */
    double run(String marker, int lines, Duration timeout) throws Exception {
        List<List<byte[]>> perConnection = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            perConnection.add(FortiGateLines.chunks(marker, (long) lines * c / connections,
                    (long) lines * (c + 1) / connections, CHUNK_BYTES));
        }
        AlertWatcher.Expectation expected = watcher.expect(marker, lines);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                Socket socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                sockets.add(socket);
            }
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong firstByteNanos = new AtomicLong(Long.MAX_VALUE);
            AtomicReference<Exception> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Socket socket = sockets.get(c);
                List<byte[]> chunks = perConnection.get(c);
                Thread writer = new Thread(() -> {
                    try {
                        go.await();
                        OutputStream out = socket.getOutputStream();
                        firstByteNanos.accumulateAndGet(System.nanoTime(), Math::min);
                        for (byte[] chunk : chunks) {
                            out.write(chunk);
                        }
                        out.flush();
                    } catch (IOException | InterruptedException e) {
                        failure.compareAndSet(null, e);
                    }
                }, "syslog-writer-" + c);
                writer.start();
                writers.add(writer);
            }
            go.countDown();
            for (Thread writer : writers) {
                writer.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Writing syslog failed", failure.get());
            }
            long lastAlertNanos = expected.awaitAll(timeout);
            return (lastAlertNanos - firstByteNanos.get()) / 1e9;
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
