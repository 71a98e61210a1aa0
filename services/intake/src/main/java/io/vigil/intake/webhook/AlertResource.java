package io.vigil.intake.webhook;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.common.signing.RequestSignatures;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The JSON webhook filtering and monitoring appliances post alerts to. */
@Path("/api/v1/alerts")
@Tag(name = "Alerts")
@PermitAll
public class AlertResource {

    @Inject
    ApplianceAuthenticator authenticator;

    @Inject
    AlertPublisher publisher;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    Validator validator;

    @Inject
    WebhookBodies bodies;

    @Inject
    Vertx vertx;

    /**
     * Runs on the I/O thread that read the request while nothing on the way has to wait: the
     * appliance's key is in memory, and {@link AlertPublisher#publishesWithoutWaiting} holds. So a
     * single alert costs no hand-over to a worker thread and back while Kafka acknowledges it. An
     * alert that needs the database (a key not yet in memory, a school with directory accounts) or
     * a producer that may wait (broker away, buffer full) is handled on a worker thread.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept one alert from an appliance",
            description = "Answers 202 only once the alert is durable. Posting the same eventId again is harmless.")
    public CompletionStage<Response> accept(@HeaderParam(ApplianceAuthenticator.API_KEY_HEADER) String apiKey,
            @HeaderParam(RequestSignatures.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(RequestSignatures.SIGNATURE_HEADER) String signature,
            @RequestBody(content = @Content(schema = @Schema(implementation = AlertRequest.class))) byte[] body) {
        Optional<AuthenticatedAppliance> inMemory = authenticator.authenticateFromMemory(apiKey, timestamp, signature,
                body);
        if (inMemory.isEmpty()) {
            return onWorker(() -> {
                AuthenticatedAppliance appliance = authenticator.authenticate(apiKey, timestamp, signature, body);
                return accepted(publisher.publish(appliance, admitted(appliance, body)));
            });
        }
        AuthenticatedAppliance appliance = inMemory.get();
        AlertRequest alert = admitted(appliance, body);
        if (!publisher.publishesWithoutWaiting(appliance, List.of(alert))) {
            return onWorker(() -> accepted(publisher.publish(appliance, alert)));
        }
        return publisher.publishAllFromIoThread(appliance, List.of(alert)).thenApply(all -> accepted(all.get(0)));
    }

    /** The alert in this body, once it is valid, for the appliance's school and within its rate. */
    private AlertRequest admitted(AuthenticatedAppliance appliance, byte[] body) {
        AlertRequest alert = bodies.read(body, AlertRequest.class);
        List<Problem.FieldError> schoolErrors = schoolErrors(alert, appliance, "schoolId");
        if (!schoolErrors.isEmpty()) {
            throw ProblemException.badRequest("Unknown school for this appliance: " + alert.schoolId(), schoolErrors);
        }
        rateLimiter.acquire(appliance.applianceId(), 1);
        return alert;
    }

    private static Response accepted(AlertAccepted accepted) {
        return Response.accepted(accepted).build();
    }

    /** Runs {@code work} on a worker thread; the answer continues on this request's I/O thread. */
    private CompletionStage<Response> onWorker(Callable<Response> work) {
        return vertx.executeBlocking(work, false).toCompletionStage();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept up to 1,000 alerts from an appliance",
            description = "Answers 202 with a result per alert once every valid one is durable; invalid ones are "
                    + "reported with their field errors and not published.")
    public Response acceptBatch(@HeaderParam(ApplianceAuthenticator.API_KEY_HEADER) String apiKey,
            @HeaderParam(RequestSignatures.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(RequestSignatures.SIGNATURE_HEADER) String signature,
            @RequestBody(content = @Content(schema = @Schema(implementation = AlertBatch.class))) byte[] body) {
        AuthenticatedAppliance appliance = authenticator.authenticate(apiKey, timestamp, signature, body);
        AlertBatch batch = bodies.read(body, AlertBatch.class);
        List<BatchResult.Item> results = new ArrayList<>();
        List<AlertRequest> valid = new ArrayList<>();
        List<Integer> validIndexes = new ArrayList<>();
        for (int i = 0; i < batch.alerts().size(); i++) {
            AlertRequest alert = batch.alerts().get(i);
            String prefix = "alerts[" + i + "].";
            List<Problem.FieldError> errors = new ArrayList<>(schoolErrors(alert, appliance, prefix + "schoolId"));
            validator.validate(alert).forEach(v -> errors.add(
                    new Problem.FieldError(prefix + v.getPropertyPath(), v.getMessage())));
            if (errors.isEmpty()) {
                valid.add(alert);
                validIndexes.add(i);
                results.add(null);
            } else {
                errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
                results.add(new BatchResult.Item(i, alert.eventId(), "rejected", null, errors));
            }
        }
        if (!valid.isEmpty()) {
            rateLimiter.acquire(appliance.applianceId(), valid.size());
            List<AlertAccepted> accepted = publisher.publishAll(appliance, valid);
            for (int j = 0; j < accepted.size(); j++) {
                int index = validIndexes.get(j);
                results.set(index, new BatchResult.Item(index, accepted.get(j).eventId(), "accepted",
                        accepted.get(j).alertId(), List.of()));
            }
        }
        return Response.accepted(new BatchResult(valid.size(), batch.alerts().size() - valid.size(), results)).build();
    }

    private static List<Problem.FieldError> schoolErrors(AlertRequest alert, AuthenticatedAppliance appliance,
            String field) {
        if (alert.schoolId() != null && !alert.schoolId().equals(appliance.schoolId())) {
            return List.of(new Problem.FieldError(field, "not the school this appliance is registered to"));
        }
        return List.of();
    }
}
