package io.vigil.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The services' JSON reader refuses a key given twice as malformed, the way it refuses other bad JSON. */
class JsonLimitsTest {

    /** A request body as the services declare them. */
    record Decision(String note) {
    }

    private final ObjectMapper mapper = limited();

    private static ObjectMapper limited() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonLimits().customize(mapper);
        return mapper;
    }

    @Test
    void aKeyGivenTwiceIsMalformed() {
        // Unlimited, Jackson fails on this record with an error about the class, which the services answered 500.
        assertThatThrownBy(() -> mapper.readValue("{\"note\": \"a\", \"note\": \"b\"}", Decision.class))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'note'");
    }

    @Test
    void keysOnceEachAreRead() throws Exception {
        assertThat(mapper.readValue("{\"note\": \"a\"}", Decision.class)).isEqualTo(new Decision("a"));
        assertThat(mapper.readTree("{\"a\": {\"note\": 1}, \"b\": {\"note\": 2}}").size()).isEqualTo(2);
    }
}
