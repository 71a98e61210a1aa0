package io.vigil.intake.webhook;

import io.vigil.common.problem.Problem;
import java.util.List;

/**
 * The answer to a batch: one result per alert, in the order sent. Accepted alerts are durable;
 * rejected ones are not published and say why.
 */
public record BatchResult(int accepted, int rejected, List<Item> results) {

    /** The outcome of one alert of the batch. */
    public record Item(int index, String eventId, String status, String alertId, List<Problem.FieldError> errors) {
    }
}
