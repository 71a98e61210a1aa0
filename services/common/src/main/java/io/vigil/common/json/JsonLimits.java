package io.vigil.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Explicit limits on every JSON body a service reads: nesting depth and the length of one string
 * or number. A body beyond them is answered 400 as malformed, before it costs memory or stack.
 * (Body size is limited separately, per endpoint.) A key given twice in one object is malformed too:
 * which of the two values counts is not for the reader to guess, and a Java record read from such an
 * object fails inside the JSON reader instead of as a bad request.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Deeper than any Vigil request needs; far below what would exhaust a thread's stack. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any field Vigil accepts (their own limits are smaller). */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    public static final int MAX_NUMBER_LENGTH = 100;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
