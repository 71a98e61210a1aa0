package io.vigil.intake.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.syslog.SyslogMessage.Format;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogParserTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static SyslogParser at(String now) {
        return new SyslogParser(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), LONDON);
    }

    private final SyslogParser parser = at("2024-05-01T12:00:00Z");

    @Test
    void rfc5424WithStructuredDataAndBom() {
        SyslogMessage m = parser.parse("<165>1 2024-05-01T10:12:01.123+01:00 fw01.school.example filterd 1234 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"lication\\]\"][other@1 a=\"b\"] \uFEFFblocked it");
        assertThat(m.format()).isEqualTo(Format.RFC5424);
        assertThat(m.facility()).isEqualTo(20);
        assertThat(m.severity()).isEqualTo(5);
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-05-01T09:12:01.123Z"));
        assertThat(m.hostname()).isEqualTo("fw01.school.example");
        assertThat(m.appName()).isEqualTo("filterd");
        assertThat(m.procId()).isEqualTo("1234");
        assertThat(m.msgId()).isEqualTo("ID47");
        assertThat(m.structuredData())
                .isEqualTo("[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"lication\\]\"][other@1 a=\"b\"]");
        assertThat(m.message()).isEqualTo("blocked it");
    }

    @Test
    void rfc5424WithNilValues() {
        SyslogMessage m = parser.parse("<14>1 - - - - - - the message");
        assertThat(m.format()).isEqualTo(Format.RFC5424);
        assertThat(m.timestamp()).isNull();
        assertThat(m.hostname()).isNull();
        assertThat(m.appName()).isNull();
        assertThat(m.structuredData()).isNull();
        assertThat(m.message()).isEqualTo("the message");
    }

    @Test
    void rfc5424CutShortLeavesFieldsNull() {
        SyslogMessage m = parser.parse("<14>1 2024-05-01T10:12:01Z host");
        assertThat(m.hostname()).isEqualTo("host");
        assertThat(m.appName()).isNull();
        assertThat(m.message()).isEmpty();
    }

    @Test
    void rfc3164WithHostAndTag() {
        SyslogMessage m = parser.parse("<134>May  1 10:12:01 proxy1 e2guardian[4321]: 2024.5.1 10:12:01 - 10.0.0.5");
        assertThat(m.format()).isEqualTo(Format.RFC3164);
        assertThat(m.facility()).isEqualTo(16);
        assertThat(m.severity()).isEqualTo(6);
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(m.hostname()).isEqualTo("proxy1");
        assertThat(m.appName()).isEqualTo("e2guardian");
        assertThat(m.procId()).isEqualTo("4321");
        assertThat(m.message()).isEqualTo("2024.5.1 10:12:01 - 10.0.0.5");
    }

    @Test
    void rfc3164WithoutHostname() {
        SyslogMessage m = parser.parse("<134>May  1 10:12:01 e2guardian: text");
        assertThat(m.hostname()).isNull();
        assertThat(m.appName()).isEqualTo("e2guardian");
        assertThat(m.message()).isEqualTo("text");
    }

    @ParameterizedTest
    @CsvSource({
        // now, header time, expected year: the time may be at most a day ahead of the clock
        "2024-05-01T12:00:00Z, Dec 31 23:59:59, 2023-12-31T23:59:59Z",
        "2024-01-01T00:30:00Z, Dec 31 23:59:59, 2023-12-31T23:59:59Z",
        "2023-12-31T23:00:00Z, Jan  1 00:10:00, 2024-01-01T00:10:00Z",
        "2024-05-01T12:00:00Z, May  2 11:00:00, 2024-05-02T10:00:00Z",
        "2024-05-01T12:00:00Z, May  3 11:00:00, 2023-05-03T10:00:00Z",
        "2025-03-01T12:00:00Z, Feb 29 08:00:00, 2024-02-29T08:00:00Z"
    })
    void yearlessTimesTakeTheYearThatIsNotInTheFuture(String now, String header, String expected) {
        SyslogMessage m = at(now).parse("<134>" + header + " host app: x");
        assertThat(m.timestamp()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void isoTimeAfterPri() {
        SyslogMessage m = parser.parse("<134>2024-05-01T10:12:01+01:00 fw CEF:0|a|b|c|d|e|5|act=blocked");
        assertThat(m.format()).isEqualTo(Format.RFC3164);
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(m.hostname()).isEqualTo("fw");
        assertThat(m.message()).isEqualTo("CEF:0|a|b|c|d|e|5|act=blocked");
    }

    @Test
    void isoTimeWithASpaceIsReadInTheZone() {
        SyslogMessage m = parser.parse("<134>2024-05-01 10:12:01 fw prog: x");
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-05-01T09:12:01Z"));
        assertThat(m.appName()).isEqualTo("prog");
    }

    @Test
    void priFollowedByKeyValuesKeepsThemAsTheMessage() {
        SyslogMessage m = parser.parse("<189>date=2024-05-01 time=10:12:01 devname=\"FG\" type=\"utm\"");
        assertThat(m.format()).isEqualTo(Format.RFC3164);
        assertThat(m.severity()).isEqualTo(5);
        assertThat(m.timestamp()).isNull();
        assertThat(m.hostname()).isNull();
        assertThat(m.message()).isEqualTo("date=2024-05-01 time=10:12:01 devname=\"FG\" type=\"utm\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no pri at all", "<>x", "<192>too big", "<01>leading zero", "<1234>long", "<abc>x", "<", ""})
    void withoutAValidPriTheWholeTextIsTheMessage(String text) {
        SyslogMessage m = parser.parse(text);
        assertThat(m.format()).isEqualTo(Format.NONE);
        assertThat(m.facility()).isNull();
        assertThat(m.message()).isEqualTo(text);
    }

    @Test
    void nullIsAnEmptyMessage() {
        assertThat(parser.parse(null).message()).isEmpty();
    }

    @Test
    void unclosedStructuredDataFallsBackToTheMessage() {
        SyslogMessage m = parser.parse("<14>1 - h a - - [id x=\"unclosed");
        assertThat(m.structuredData()).isNull();
        assertThat(m.message()).isEqualTo("[id x=\"unclosed");
    }
}
