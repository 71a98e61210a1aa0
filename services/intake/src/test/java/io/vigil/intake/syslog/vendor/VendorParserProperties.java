package io.vigil.intake.syslog.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every parser gives exactly one outcome for any line and never throws. The parsers are built
 * without the guard that {@link VendorParsers} adds, so a fault shows here instead of being hidden.
 */
class VendorParserProperties {

    private static final ParserLimits LIMITS = ParserLimits.DEFAULTS;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    private static final List<VendorLogParser> PARSERS = List.of(
            new FortiGateParser(LIMITS, VendorParsers.DEFAULT_ZONE, CLOCK, Set.of("Games")),
            new SophosParser(LIMITS, VendorParsers.DEFAULT_ZONE, CLOCK),
            new SmoothwallParser(LIMITS, VendorParsers.DEFAULT_ZONE, CLOCK),
            new E2GuardianParser(LIMITS, VendorParsers.DEFAULT_ZONE, CLOCK),
            new CefParser(LIMITS, VendorParsers.DEFAULT_ZONE, CLOCK));

    private static final List<String> SAMPLES = List.of(
            FortiGateParserTest.BLOCKED.substring(5),
            "CEF:0|Fortinet|Fortigate|v7.2.5|13056|utm:webfilter ftgd_blk blocked|4|deviceExternalId=FG1 "
                    + "FTNTFGTlogid=0316013056 cat=utm:webfilter FTNTFGTeventtime=1714554721 act=blocked "
                    + "request=https://a.example/p?a\\=b FTNTFGTcatdesc=Pornography",
            SophosParserTest.DENIED_V18.substring(4),
            SophosParserTest.DENIED_V19.substring(4),
            "time=\"2024-05-01 10:12:01\" username=\"jsmith\" ip=10.0.0.5 action=blocked categories=\"A, B\" url=\"http://x/\"",
            "01/05/2024 10:12:01,jsmith,10.0.0.5,Pupils,403,http://g.example/,\"Gambling, Games\",blocked",
            "2024.5.1 10:12:01 jsmith 10.0.0.5 http://a.example/ *DENIED* Banned site: a.example GET 0 0 Porn 1 403 text/html",
            "2024.5.1\t10:12:01\t-\t10.0.0.5\thttp://x.example/\t*DENIED* Banned [Self Harm]\tGET\t0\t0\t\t1\t403",
            "\"2024.5.1\",\"10:12:01\",\"js\",\"10.0.0.5\",\"http://d/\",\"*DENIED* x\",\"GET\",\"0\",\"0\",\"Drugs\",\"1\",\"403\"",
            "1714554721.123 0 10.0.0.5 TCP_DENIED/403 0 GET http://a.example/ jsmith DEFAULT_PARENT/127.0.0.1 text/html",
            "CEF:0|Acme\\|Corp|Web|5|1|Blocked URL|7|rt=1714554721000 act=blocked request=https://b/ a cs1Label=Category cs1=X");

    @Provide
    Arbitrary<String> logAlphabet() {
        return Arbitraries.strings().withChars("=\" |\\\t,[]<>:*-/0123456789abcT.\n'CEF").ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> mutatedSamples() {
        return Arbitraries.of(SAMPLES).flatMap(sample -> Arbitraries.randomValue(random -> mutate(sample, random)));
    }

    @Property
    void anyStringGivesOneOutcome(@ForAll String line) {
        assertOneOutcome(line);
    }

    @Property
    void logLikeStringsGiveOneOutcome(@ForAll("logAlphabet") String line) {
        assertOneOutcome(line);
    }

    @Property
    void mutatedSampleLinesGiveOneOutcome(@ForAll("mutatedSamples") String line) {
        assertOneOutcome(line);
    }

    @Property(tries = 100)
    void unmutatedSamplesAreReadByTheirOwnParser() {
        long alerts = SAMPLES.stream().filter(sample -> PARSERS.stream()
                .anyMatch(p -> p.parse(SyslogMessage.ofText(sample)) instanceof ParseOutcome.Alert)).count();
        assertThat(alerts).isEqualTo(SAMPLES.size());
    }

    private static void assertOneOutcome(String line) {
        for (VendorLogParser parser : PARSERS) {
            ParseOutcome outcome = parser.parse(SyslogMessage.ofText(line));
            assertThat(outcome).as(parser.vendor()).isNotNull();
            if (outcome instanceof ParseOutcome.Alert alert) {
                assertThat(alert.alert().action()).isIn("blocked", "flagged");
                assertThat(alert.alert().category()).isNotBlank();
                assertThat(alert.alert().sourceEventId()).isNotBlank().hasSizeLessThanOrEqualTo(200);
                assertThat(alert.alert().occurredAt()).isNotNull();
                Integer severity = alert.alert().vendorSeverity();
                assertThat(severity == null || (severity >= 1 && severity <= 5)).isTrue();
            }
        }
    }

    /** Inserts, deletes, replaces, truncates, doubles separators or grows a field, one to four times. */
    static String mutate(String sample, Random random) {
        StringBuilder s = new StringBuilder(sample);
        int times = 1 + random.nextInt(4);
        String alphabet = "=\" |\\\t,[]:*-/\n\u0000\uFEFFé€x9";
        for (int t = 0; t < times; t++) {
            int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                case 3 -> s.setLength(at);
                case 4 -> {
                    String doubled = s.toString().replace(random.nextBoolean() ? " " : "=", random.nextBoolean() ? "  " : "==");
                    s.setLength(0);
                    s.append(doubled);
                }
                case 5 -> s.insert(at, "x".repeat(random.nextInt(9000)));
                default -> s.insert(at, "|".repeat(random.nextInt(20)));
            }
        }
        return s.toString();
    }
}
