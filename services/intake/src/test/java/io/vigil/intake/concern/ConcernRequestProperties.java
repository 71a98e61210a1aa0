package io.vigil.intake.concern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vigil.common.problem.ProblemMappers;
import io.vigil.intake.SpoiltJson;
import jakarta.validation.ConstraintViolation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A concern's JSON payload read as the endpoint reads it (the service's JSON reader, then Bean
 * Validation): any bytes become a concern, a malformed-body problem with a detail, or constraint
 * violations with their messages; nothing else is thrown.
 */
class ConcernRequestProperties {

    private static final String CONCERN = """
            {"schoolId": "north-primary", "learnerId": "lrn-test-0001", "learnerUnknown": false,
             "concernsStaffMember": false, "category": "bullying", "account": "Seen in the corridor",
             "location": "Library", "occurredAt": "2026-11-20T09:00:00Z", "onBehalfOf": "north.staff"}""";

    @Provide
    Arbitrary<String> spoiltConcerns() {
        return SpoiltJson.spoilt(CONCERN);
    }

    @Property
    void anyBytesAreAConcernOrRejectedWithAReason(@ForAll byte[] body) throws IOException {
        assertReadOrRejected(body);
    }

    @Property
    void aSpoiltConcernIsReadOrRejectedWithAReason(@ForAll("spoiltConcerns") String body) throws IOException {
        assertReadOrRejected(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertReadOrRejected(byte[] body) throws IOException {
        ConcernRequest concern;
        try {
            concern = SpoiltJson.MAPPER.readValue(body, ConcernRequest.class);
        } catch (JsonProcessingException e) {
            assertThat(ProblemMappers.malformed(e).status()).isEqualTo(400);
            assertThat(ProblemMappers.malformed(e).detail()).isNotBlank();
            return;
        }
        if (concern == null) {
            // "null" is a body the endpoint's @NotNull turns away
            return;
        }
        Set<ConstraintViolation<ConcernRequest>> violations = SpoiltJson.VALIDATOR.validate(concern);
        assertThat(violations).allSatisfy(v -> assertThat(v.getMessage()).isNotBlank());
        if (violations.isEmpty()) {
            assertThat(concern.schoolId()).isNotBlank();
            assertThat(concern.account()).isNotBlank();
            assertThat(concern.occurredAt()).isNotNull();
        }
    }
}
