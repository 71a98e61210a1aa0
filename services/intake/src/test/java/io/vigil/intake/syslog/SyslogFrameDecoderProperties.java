package io.vigil.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SyslogFrameDecoderProperties {

    private static final int MAX = 200;

    /** One message and whether it is sent octet-counted. */
    record Message(String text, boolean counted) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<String> body = Arbitraries.strings()
                .withCharRange(' ', '~').withChars('\t', '\u00e9', '\u20ac', '\u4e2d')
                .ofMaxLength(120);
        Arbitrary<String> text = body.map(b -> "<134>" + b.replace("~", "\uD83D\uDE00"))
                .filter(t -> t.getBytes(StandardCharsets.UTF_8).length <= MAX && !t.endsWith("\r"));
        return Combinators.combine(text, Arbitraries.of(true, false)).as(Message::new);
    }

    private static byte[] stream(List<Message> messages, int style) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            byte[] bytes = m.bytes();
            if (m.counted()) {
                out.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(bytes);
            } else {
                out.writeBytes(bytes);
                out.writeBytes(switch (style) {
                    case 0 -> new byte[] {'\n'};
                    case 1 -> new byte[] {'\r', '\n'};
                    default -> new byte[] {0};
                });
            }
        }
        return out.toByteArray();
    }

    private static List<Frame> decode(byte[] bytes, List<Integer> cuts) {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(MAX);
        List<Frame> frames = new ArrayList<>();
        int from = 0;
        for (int cut : new TreeSet<>(cuts)) {
            int to = Math.min(cut, bytes.length);
            if (to > from) {
                frames.addAll(decoder.feed(bytes, from, to - from));
                from = to;
            }
        }
        frames.addAll(decoder.feed(bytes, from, bytes.length - from));
        frames.addAll(decoder.finish());
        return frames;
    }

    @Property
    void anyChunkingOfValidFramesGivesTheSameFrames(@ForAll @Size(max = 12) List<@From("messages") Message> messages,
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 3000) Integer> cuts,
            @ForAll @IntRange(min = 0, max = 2) int style) {
        byte[] bytes = stream(messages, style);
        List<Frame> expected = messages.stream().map(m -> Frame.ofText(m.text())).toList();
        assertThat(decode(bytes, List.of())).isEqualTo(expected);
        assertThat(decode(bytes, cuts)).isEqualTo(expected);
    }

    @Property
    void arbitraryBytesNeverThrowAndStayBounded(@ForAll @Size(max = 2000) byte[] bytes,
            @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 2000) Integer> cuts) {
        for (Frame frame : decode(bytes, cuts)) {
            assertThat(frame.text() == null).isNotEqualTo(frame.error() == null);
            if (frame.text() != null) {
                assertThat(frame.text().length()).isLessThanOrEqualTo(MAX);
            }
        }
    }

    @Property
    void digitsAndSpacesHeavyStreamsNeverThrow(@ForAll("digitStreams") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(decode(bytes, List.of(bytes.length / 2))).isEqualTo(decode(bytes, List.of()));
    }

    @Provide
    Arbitrary<String> digitStreams() {
        return Arbitraries.strings().withChars("0123456789 \n<>\0\rx").ofMaxLength(600);
    }

    @Property
    void datagramsAlwaysGiveOneFrame(@ForAll @Size(max = 400) byte[] bytes) {
        Frame frame = SyslogFrameDecoder.ofDatagram(bytes, 0, bytes.length, MAX);
        assertThat(frame).isNotNull();
        assertThat(frame.text() == null).isNotEqualTo(frame.error() == null);
    }
}
