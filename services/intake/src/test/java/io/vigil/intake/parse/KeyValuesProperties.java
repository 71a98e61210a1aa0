package io.vigil.intake.parse;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyValuesProperties {

    private static final ParserLimits LIMITS = new ParserLimits(8192, 8, 16);

    @Provide
    Arbitrary<String> pairs() {
        return Arbitraries.strings().withChars("ab=\"\\ \t-x").ofMaxLength(200);
    }

    @Property
    void readsWithinTheLimitsOrSaysWhy(@ForAll("pairs") String line) {
        KeyValues kv = KeyValues.parse(line, LIMITS);
        if (kv.error() == null) {
            assertThat(kv.fields().size()).isLessThanOrEqualTo(8);
            kv.fields().forEach((k, v) -> {
                assertThat(k).isNotEmpty().hasSizeLessThanOrEqualTo(16);
                assertThat(v).hasSizeLessThanOrEqualTo(16);
            });
        } else {
            assertThat(kv.fields()).isEmpty();
        }
    }

    @Property
    void quotedValuesRoundTrip(@ForAll("values") String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
        KeyValues kv = KeyValues.parse("a=1 key=\"" + escaped + "\" b=2", ParserLimits.DEFAULTS);
        assertThat(kv.fields()).containsEntry("key", value).containsEntry("b", "2");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab \"\\=é\t").ofMaxLength(50);
    }

    @Property
    void timesNeverThrow(@ForAll String text) {
        Times.fromEpoch(text);
        Times.fromIso(text, java.time.ZoneOffset.UTC);
        Times.fromDateTime(text, java.time.ZoneOffset.UTC);
        Times.zoneOf(text);
        Severities.ofCef(text);
        Severities.ofLevelName(text);
    }
}
