package io.vigil.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection driven by one thread, with nothing between the socket and the
 * request: the load generator shares two cores with the server it measures, so every microsecond it
 * spends is one the server does not get. It knows exactly what the benchmark needs: POST a body and
 * read the status, discarding the answer (fixed length or chunked).
 */
final class HttpConnection implements AutoCloseable {

    /** The status of an answer and whether the server will close the connection after it. */
    record Response(int status, boolean closes) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The request head up to and including {@code Content-Length: }; the caller adds the length and body. */
    static byte[] head(String host, int port, String path, String apiKey) {
        return head(host, port, path, "X-Vigil-Api-Key", apiKey);
    }

    /** A request head like {@link #head(String, int, String, String)} with any credential header. */
    static byte[] head(String host, int port, String path, String credentialHeader, String credential) {
        return headWith(host, port, path, credentialHeader + ": " + credential + "\r\n");
    }

    /** A request head with no credential, for a server that asks for none (a baseline's, on loopback). */
    static byte[] head(String host, int port, String path) {
        return headWith(host, port, path, "");
    }

    private static byte[] headWith(String host, int port, String path, String extraHeaders) {
        return ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json\r\n"
                + extraHeaders + "Content-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and reads its answer; reconnects first if the last answer closed the connection. */
    int post(byte[] head, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(body, 0, request, head.length + length.length, body.length);
            out.write(request);
            out.flush();
            Response response = readResponse(in);
            if (response.closes()) {
                close();
            }
            return response.status();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** Reads one answer: status line, headers, and the body, which is discarded. */
    static Response readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean closes = parts[0].equals("HTTP/1.0");
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closes = value.contains("close") || (closes && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(line(in)), 16); size > 0;
                    size = Long.parseLong(chunkSize(line(in)), 16)) {
                skip(in, size);
                line(in);
            }
            // Trailers, if any, end with an empty line.
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // Not needed.
            }
        } else if (contentLength >= 0) {
            skip(in, contentLength);
        } else if (status >= 200 && status != 204 && status != 304) {
            // No length: the body runs to the end of the connection.
            while (in.read() >= 0) {
                // Discard.
            }
            closes = true;
        }
        return new Response(status, closes);
    }

    private static String chunkSize(String line) {
        int extension = line.indexOf(';');
        return (extension < 0 ? line : line.substring(0, extension)).trim();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed mid-answer");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
            socket = null;
        }
    }
}
