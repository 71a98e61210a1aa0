package io.vigil.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SyslogParserProperties {

    private final SyslogParser parser = new SyslogParser(
            Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC), ZoneId.of("Europe/London"));

    @Provide
    Arbitrary<String> headerLike() {
        Arbitrary<String> pri = Arbitraries.of("<134>", "<0>", "<191>", "<14>1 ", "<165>1 ", "<", "<9999>", "");
        Arbitrary<String> rest = Arbitraries.strings()
                .withChars("<>[]\"\\=- :.T+Z0123456789MayJanFebdevhost\uFEFF\t")
                .ofMaxLength(150);
        return net.jqwik.api.Combinators.combine(pri, rest).as(String::concat);
    }

    @Property
    void anyStringGivesAMessage(@ForAll String text) {
        assertWellFormed(text);
    }

    @Property
    void headerLikeStringsGiveAMessage(@ForAll("headerLike") String text) {
        assertWellFormed(text);
    }

    private void assertWellFormed(String text) {
        SyslogMessage m = parser.read(text);
        assertThat(m.format()).isNotNull();
        assertThat(m.message()).isNotNull();
        if (m.format() == SyslogMessage.Format.NONE) {
            assertThat(m.message()).isEqualTo(text);
        }
        if (m.facility() != null) {
            assertThat(m.facility()).isBetween(0, 23);
            assertThat(m.severity()).isBetween(0, 7);
        }
    }
}
