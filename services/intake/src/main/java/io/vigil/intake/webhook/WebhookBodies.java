package io.vigil.intake.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a webhook body from its exact bytes (which a signature covers): size limit (413), JSON
 * (400 naming the field), then Bean Validation (400 with field errors).
 */
@ApplicationScoped
public class WebhookBodies {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @ConfigProperty(name = "vigil.intake.webhook.max-body-bytes", defaultValue = "4194304")
    int maxBodyBytes;

    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("A JSON body is required",
                    List.of(new Problem.FieldError("body", "must not be empty")));
        }
        if (body.length > maxBodyBytes) {
            throw ProblemException.tooLarge("The body has " + body.length + " bytes; at most " + maxBodyBytes
                    + " are accepted (send large sets as several batches)");
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemMappers.malformed(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            throw ProblemException.badRequest("A JSON object is required",
                    List.of(new Problem.FieldError("body", "must not be null")));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
