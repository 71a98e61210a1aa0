package io.vigil.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.problem.ProblemException;
import io.vigil.intake.SpoiltJson;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The webhook's JSON bodies (one alert, a batch) read from any bytes: a body is either read into a
 * valid request or rejected as the webhook declares, a problem (400, 413) with a detail or field
 * constraint violations with their messages, and nothing else escapes. An alert the webhook accepts also
 * passes the written-out checks the parsed paths use, and one it rejects fails them.
 */
class WebhookBodiesProperties {

    static final String ALERT = """
            {"eventId": "evt-1", "schoolId": "north-primary", "occurredAt": "2026-11-20T10:12:01Z",
             "category": "Gambling", "action": "blocked", "user": "pupil-1", "device": "10.0.0.5",
             "url": "https://casino.example.test/play?q=x", "vendorSeverity": 3, "captureAvailable": false,
             "captureRef": "cap-1"}""";

    private static WebhookBodies bodies() {
        WebhookBodies bodies = new WebhookBodies();
        bodies.mapper = SpoiltJson.MAPPER;
        bodies.validator = SpoiltJson.VALIDATOR;
        bodies.maxBodyBytes = 64 * 1024;
        return bodies;
    }

    @Provide
    Arbitrary<String> spoiltAlerts() {
        return SpoiltJson.spoilt(ALERT);
    }

    @Provide
    Arbitrary<String> spoiltBatches() {
        return SpoiltJson.spoilt("{\"alerts\": [" + ALERT + ", " + ALERT.replace("evt-1", "evt-2") + "]}");
    }

    @Property
    void anyBytesAreReadOrRejectedWithAReason(@ForAll byte[] body) {
        assertReadOrRejected(body, AlertRequest.class);
        assertReadOrRejected(body, AlertBatch.class);
    }

    @Property
    void aSpoiltAlertIsReadOrRejectedWithAReason(@ForAll("spoiltAlerts") String body) {
        assertReadOrRejected(body.getBytes(StandardCharsets.UTF_8), AlertRequest.class);
    }

    @Property
    void aSpoiltBatchIsReadOrRejectedWithAReason(@ForAll("spoiltBatches") String body) {
        assertReadOrRejected(body.getBytes(StandardCharsets.UTF_8), AlertBatch.class);
    }

    @Property
    void theWebhookAndTheParsedPathsJudgeAnAlertAlike(@ForAll("spoiltAlerts") String body) {
        try {
            AlertRequest alert = bodies().read(body.getBytes(StandardCharsets.UTF_8), AlertRequest.class);
            assertThat(alert.violations()).as("accepted by the webhook: %s", body).isEmpty();
        } catch (ConstraintViolationException e) {
            AlertRequest alert = (AlertRequest) e.getConstraintViolations().iterator().next().getRootBean();
            assertThat(alert.violations()).as("rejected by the webhook: %s", body).isNotEmpty();
        } catch (ProblemException notJsonOfAnAlert) {
            // nothing to compare
        }
    }

    private static <T> void assertReadOrRejected(byte[] body, Class<T> type) {
        try {
            assertThat(bodies().read(body, type)).isNotNull();
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isIn(400, 413);
            assertThat(e.problem().detail()).isNotBlank();
        } catch (ConstraintViolationException e) {
            assertThat(e.getConstraintViolations()).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.getPropertyPath().toString() + v.getMessage()).isNotBlank());
            assertThat(e.getConstraintViolations()).extracting(ConstraintViolation::getMessage)
                    .allSatisfy(message -> assertThat(message).isNotBlank());
        }
    }
}
