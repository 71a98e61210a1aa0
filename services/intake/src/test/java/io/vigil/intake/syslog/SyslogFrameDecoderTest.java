package io.vigil.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(64);

    private List<Frame> feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return decoder.feed(bytes, 0, bytes.length);
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(f -> f.isError() ? "ERROR " + f.error() : f.text()).toList();
    }

    @Test
    void newlineFramingWithLfCrlfAndNul() {
        List<Frame> frames = feed("<134>one\n<134>two\r\n<134>three\0<134>four");
        assertThat(texts(frames)).containsExactly("<134>one", "<134>two", "<134>three");
        assertThat(texts(decoder.finish())).containsExactly("<134>four");
    }

    @Test
    void octetCountingAcrossChunks() {
        String stream = "9 <134>abcd10 <134>1 x y5 <1>a";
        List<Frame> frames = new ArrayList<>();
        for (char c : stream.toCharArray()) {
            frames.addAll(feed(String.valueOf(c)));
        }
        assertThat(texts(frames)).containsExactly("<134>abcd", "<134>1 x y");
        assertThat(texts(decoder.finish())).containsExactly("ERROR stream ended inside a message: 4 of 5 bytes received");
    }

    @Test
    void framingIsChosenPerMessage() {
        assertThat(texts(feed("5 <1>ab<2>line\n3 <3>\n"))).containsExactly("<1>ab", "<2>line", "<3>");
    }

    @Test
    void aLineStartingWithDigitsButNoSpaceIsNewlineFramed() {
        assertThat(texts(feed("2024-05-01 log line\n"))).containsExactly("2024-05-01 log line");
        assertThat(texts(feed("123\n"))).containsExactly("123");
    }

    @Test
    void blankLinesBetweenMessagesAreSkipped() {
        assertThat(texts(feed("\n\r\n<1>a\n\n\n<2>b\n"))).containsExactly("<1>a", "<2>b");
    }

    @Test
    void anOverlongLineIsOneErrorAndTheNextLineIsRead() {
        String longLine = "<134>" + "x".repeat(200);
        assertThat(texts(feed(longLine + "\n<134>next\n")))
                .containsExactly("ERROR frame longer than 64 bytes", "<134>next");
    }

    @Test
    void anOverlongCountIsSkippedByTheCount() {
        String body = "<134>" + "y".repeat(95);
        assertThat(texts(feed("100 " + body + "6 <1>ok!")))
                .containsExactly("ERROR frame longer than 64 bytes", "<1>ok!");
    }

    @Test
    void aBogusCountIsAnErrorAndResynchronisesOnTheNextLine() {
        assertThat(texts(feed("99999999999 garbage garbage\n<134>after\n")))
                .containsExactly("ERROR frame longer than 64 bytes", "<134>after");
    }

    @Test
    void endlessDigitsStayBounded() {
        List<Frame> frames = feed("1".repeat(10_000) + "\n<1>x\n");
        assertThat(texts(frames)).containsExactly("ERROR frame longer than 64 bytes", "<1>x");
    }

    @Test
    void invalidUtf8IsReplaced() {
        byte[] bytes = {'<', '1', '>', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThat(decoder.feed(bytes, 0, bytes.length)).containsExactly(Frame.ofText("<1>\uFFFD("));
    }

    @Test
    void feedHonoursOffsetAndLength() {
        byte[] bytes = "junk<1>a\njunk".getBytes(StandardCharsets.UTF_8);
        assertThat(texts(decoder.feed(bytes, 4, 5))).containsExactly("<1>a");
    }

    @Test
    void datagrams() {
        byte[] bytes = "<134>hello\n\0".getBytes(StandardCharsets.UTF_8);
        assertThat(SyslogFrameDecoder.ofDatagram(bytes, 0, bytes.length, 64)).isEqualTo(Frame.ofText("<134>hello"));
        assertThat(SyslogFrameDecoder.ofDatagram(bytes, 0, bytes.length, 5).error())
                .isEqualTo("frame longer than 5 bytes");
        assertThat(SyslogFrameDecoder.ofDatagram(new byte[] {'\n'}, 0, 1, 64).error()).isEqualTo("empty datagram");
    }

    @Test
    void aFrameHasTextOrErrorNeverBoth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Frame("a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Frame(null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
