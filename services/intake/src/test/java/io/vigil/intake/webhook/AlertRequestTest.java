package io.vigil.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The written-out checks of the parsed paths agree with the webhook's Bean Validation constraints. */
class AlertRequestTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");

    static Stream<AlertRequest> alerts() {
        return Stream.of(
                new AlertRequest("e1", null, AT, "Gambling", "blocked", "u", "d", "https://a.example", 3),
                new AlertRequest("e1", null, AT, "Gambling", "flagged", null, null, null, null),
                new AlertRequest("", null, AT, "Gambling", "blocked", null, null, null, null),
                new AlertRequest("e1", null, null, "Gambling", "blocked", null, null, null, null),
                new AlertRequest("e1", null, AT, " ", "blocked", null, null, null, null),
                new AlertRequest("e1", null, AT, "Gambling", "allowed", null, null, null, null),
                new AlertRequest("e1", null, AT, "Gambling", null, null, null, null, null),
                new AlertRequest("x".repeat(201), null, AT, "Gambling", "blocked", null, null, null, null),
                new AlertRequest("e1", null, AT, "x".repeat(201), "blocked", "u".repeat(201), null, null, null),
                new AlertRequest("e1", null, AT, "Gambling", "blocked", null, "d".repeat(201), "u".repeat(4097), 6),
                new AlertRequest("e1", null, AT, "Gambling", "blocked", null, null, null, 0),
                new AlertRequest("e1", "s".repeat(65), AT, "Gambling", "blocked", null, null, null, null),
                new AlertRequest("e1", null, AT, "Gambling", "blocked", null, null, null, 5, true, "c".repeat(2049)),
                new AlertRequest("e\u0000", null, AT, "Gambling", "blocked", "pupil\u0000", "d\u0000", null, null),
                new AlertRequest("e1", "s\u0000", AT, "Gam\u0000bling", "blocked", null, null, "https://a\u0000.example",
                        null, true, "\u0000"),
                new AlertRequest("e1", null, AT, "Gambling", "blocked", "\u0000".repeat(201), null, null, null));
    }

    @Test
    void textWithUPlus0000IsRefusedWithTheFieldNamed() {
        AlertRequest alert = new AlertRequest("e1", null, AT, "Gambling", "blocked", "pupil\u0000", null, null, null);
        assertThat(alert.violations()).containsExactly("user must not contain U+0000");
        assertThat(VALIDATOR.validate(alert)).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).isEqualTo("must not contain U+0000"));
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void writtenOutChecksFindTheSameFieldsAsBeanValidation(AlertRequest alert) {
        List<String> expected = VALIDATOR.validate(alert).stream().map(v -> v.getPropertyPath().toString())
                .sorted().toList();
        List<String> found = alert.violations().stream().map(v -> v.substring(0, v.indexOf(' '))).sorted().toList();
        assertThat(found).isEqualTo(expected);
    }
}
