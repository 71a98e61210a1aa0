package io.vigil.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error a service answers with into {@code application/problem+json}, without stack
 * traces or internal messages; unexpected failures are logged with an id the answer quotes.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** SQL state "character not in repertoire": PostgreSQL's answer to U+0000 in text. */
    private static final String INVALID_CHARACTERS = "22021";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        if (e.retryAfterSeconds() == null) {
            return response;
        }
        return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return respond(Problem.of("validation", "Invalid request", 400, "Invalid fields: " + fields)
                .withErrors(errors), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 1)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(malformed(e), uri);
    }

    /** The problem for a body that is not valid JSON for the request, naming the field when known. */
    public static Problem malformed(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        Problem problem = Problem.of("malformed-body", "Malformed request body", 400,
                field.isEmpty() ? "The body is not valid JSON for this request"
                        : "The field '" + field + "' has the wrong type or format");
        return field.isEmpty() ? problem
                : problem.withErrors(List.of(new Problem.FieldError(field, "wrong type or format")));
    }

    /** Replaces the JSON reader's own answer for a field of the wrong type, which is not problem+json. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(Problem.of("unauthorized", "Not authenticated", 401, "A valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(Problem.of("unauthorized", "Not authenticated", 401, "The credentials were not accepted"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Not allowed", 403, "Your role does not allow this"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // The JSON reader reports an unreadable body as a plain 400 with the parser's error inside.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        String title = reason == null ? "Request not handled" : reason.getReasonPhrase();
        return respond(Problem.of(title.toLowerCase().replace(' ', '-'), title, status, title), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (unstorableText(e)) {
            return respond(Problem.of("unstorable-text", "Text that cannot be stored", 400,
                    "The request holds a character no text can be stored with (such as U+0000)"), uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(Problem.of("internal", "Internal error", 500,
                "The request could not be completed; quote error id " + errorId), uri);
    }

    /**
     * Whether the database refused text of the request as no valid character data (PostgreSQL's SQL
     * state 22021, which U+0000 in a path, query or body value gives): the client's mistake, not ours.
     */
    static boolean unstorableText(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && INVALID_CHARACTERS.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem, UriInfo uri) {
        Problem withInstance = uri == null ? problem : problem.withInstance(uri.getPath());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance).build();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Drops the method and parameter nodes so the field reads as the client sent it.
        StringBuilder name = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(node.getName());
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
        }
        // A query or path parameter has no property nodes: its own name is the field.
        if (name.isEmpty()) {
            return parameter != null && !"arg0".equals(parameter) ? parameter : "body";
        }
        return name.toString();
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
