package io.vigil.intake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.common.json.JsonLimits;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** For property tests of JSON bodies: the service's reader and validator, and spoilt variants of a good body. */
public final class SpoiltJson {

    /** An object mapper set up as the service's: Java time, unknown fields ignored, the services' JSON limits. */
    public static final ObjectMapper MAPPER = mapper();
    public static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    /** Text that spoils JSON: its own punctuation, escapes, numbers, odd characters. */
    private static final String SPOILERS = "{}[]\":,\\ -+.eE0123456789nultrfasbx\u0000\u00e9\uFEFF\uD83D\uDE00\n\t";

    private SpoiltJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        new JsonLimits().customize(mapper);
        return mapper;
    }

    /** {@code sample} spoilt at a random place: cut, with text put in, with a stretch replaced, or nested deep. */
    public static Arbitrary<String> spoilt(String sample) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, sample.length());
        Arbitrary<String> text = Arbitraries.strings().withChars(SPOILERS).ofMaxLength(12);
        Arbitrary<String> cut = at.map(i -> sample.substring(0, i));
        Arbitrary<String> inserted = at.flatMap(i -> text.map(t -> sample.substring(0, i) + t + sample.substring(i)));
        Arbitrary<String> replaced = at.flatMap(i -> Arbitraries.integers().between(i, sample.length())
                .flatMap(j -> text.map(t -> sample.substring(0, i) + t + sample.substring(j))));
        Arbitrary<String> nested = Arbitraries.integers().between(1, 200).map(d -> "[".repeat(d) + sample + "]".repeat(d));
        return Arbitraries.oneOf(cut, inserted, replaced, replaced, nested, Arbitraries.just(sample));
    }
}
