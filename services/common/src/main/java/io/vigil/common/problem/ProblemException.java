package io.vigil.common.problem;

import java.util.List;

/** Thrown by a resource or service to answer with a specific problem detail. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Asks the client to wait this long before trying again (sent as {@code Retry-After}). */
    public ProblemException withRetryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The {@code Retry-After} seconds, or null when the client need not wait. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("validation", "Invalid request", 400, detail).withErrors(errors));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of("unauthorized", "Not authenticated", 401, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Not allowed", 403, detail));
    }

    /** 409: the request is valid but not in the resource's current state (e.g. closing an unacknowledged case). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "Not possible now", 409, detail));
    }

    /** 413: the body is larger than this endpoint accepts. */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of("too-large", "Request too large", 413, detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, detail));
    }
}
