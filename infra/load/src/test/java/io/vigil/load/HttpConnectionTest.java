package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsAFixedLengthAnswerAndLeavesTheNextOneInTheStream() throws IOException {
        InputStream in = stream("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n"
                + "{\"a\"}HTTP/1.1 429 Too Many Requests\r\ncontent-length: 0\r\n\r\n");
        assertThat(HttpConnection.readResponse(in)).isEqualTo(new HttpConnection.Response(202, false));
        assertThat(HttpConnection.readResponse(in)).isEqualTo(new HttpConnection.Response(429, false));
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void readsAChunkedAnswerToItsEnd() throws IOException {
        InputStream in = stream("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nabcd\r\nA;ext=1\r\n0123456789\r\n0\r\n\r\nHTTP/1.1 503 x\r\nContent-Length: 0\r\n\r\n");
        assertThat(HttpConnection.readResponse(in).status()).isEqualTo(202);
        assertThat(HttpConnection.readResponse(in).status()).isEqualTo(503);
    }

    @Test
    void notesWhenTheServerClosesTheConnection() throws IOException {
        assertThat(HttpConnection.readResponse(stream("HTTP/1.1 400 Bad\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
                .closes()).isTrue();
        assertThat(HttpConnection.readResponse(stream("HTTP/1.0 202 OK\r\nContent-Length: 0\r\n\r\n")).closes()).isTrue();
        assertThat(HttpConnection.readResponse(stream("HTTP/1.1 202 OK\r\n\r\nbody to the end")).closes()).isTrue();
    }

    @Test
    void aTruncatedAnswerIsAnError() {
        assertThatThrownBy(() -> HttpConnection.readResponse(stream("HTTP/1.1 202 Acc")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> HttpConnection.readResponse(stream("SSH-2.0-OpenSSH\r\n\r\n")))
                .isInstanceOf(IOException.class);
    }
}
