package io.vigil.notification.template;

import io.vigil.common.problem.Problem;
import java.util.List;

/**
 * A message that cannot be rendered, or wording that cannot be used, with the reasons in words a
 * person can act on, e.g. "template parent-filtering-breach (pl) needs schoolPhone". Vigil never
 * sends a blank or half-filled message instead.
 */
public class TemplateProblem extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public TemplateProblem(String reason, List<Problem.FieldError> errors) {
        super(reason);
        this.errors = List.copyOf(errors);
    }

    public TemplateProblem(String reason) {
        this(reason, List.of());
    }

    /** What is wrong, field by field (e.g. {@code body}, {@code data.schoolPhone}); may be empty. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
