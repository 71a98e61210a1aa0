package io.vigil.intake.webhook;

import static io.vigil.common.text.Strings.blankToNull;

import io.vigil.common.kafka.EventProducer;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tracing.TraceContext;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.appliance.LastSeen;
import io.vigil.intake.privacy.EdgePrivacy;
import io.vigil.intake.directory.DirectoryLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns an accepted alert into an {@code AlertReceived} event on {@code vigil.alerts.v1} and
 * returns only once the broker acknowledged it with {@code acks=all}: Kafka is intake's durable
 * store, so a 202 means the alert cannot be lost.
 */
@ApplicationScoped
public class AlertPublisher {

    private static final Logger LOG = Logger.getLogger(AlertPublisher.class);
    static final String SOURCE = "/vigil/intake";

    @Inject
    EventProducer producer;

    @Inject
    Clock clock;

    @Inject
    LastSeen lastSeen;

    @Inject
    EdgePrivacy privacy;

    @Inject
    DirectoryLookup directory;

    @Inject
    AcceptedAlerts acceptedAlerts;

    @ConfigProperty(name = "vigil.intake.publish-timeout", defaultValue = "10s")
    Duration publishTimeout;

    /**
     * The alert id of (appliance, source event id): a redelivered alert gets the same id, so the
     * consumers' deduplication by event id recognises it.
     */
    public static String alertIdOf(String applianceId, String sourceEventId) {
        return UUID.nameUUIDFromBytes((applianceId + "\n" + sourceEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public AlertAccepted publish(AuthenticatedAppliance appliance, AlertRequest request) {
        return publishAll(appliance, List.of(request)).get(0);
    }

    /**
     * Publishes every alert, then waits for all acknowledgements within one publish timeout, so a
     * batch costs one round of broker latency. If any is not acknowledged the whole call fails (503):
     * the sender retries the batch, and the ones that did land are recognised by their ids.
     */
    public List<AlertAccepted> publishAll(AuthenticatedAppliance appliance, List<AlertRequest> requests) {
        try {
            return publishAllDurably(appliance, requests, people(appliance, requests)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ProblemException problem ? problem : e;
        }
    }

    /**
     * Whether {@link #publishAllFromIoThread} may publish these alerts: nothing on the way would wait,
     * neither the directory (their school has no accounts, or they name nobody) nor the producer.
     */
    public boolean publishesWithoutWaiting(AuthenticatedAppliance appliance, List<AlertRequest> requests) {
        return producer.sendsWithoutWaiting(Topics.ALERTS) && directory.resolvesNobodyWithoutQuery(appliance.schoolId(),
                requests.stream().map(AlertPublisher::subjectOf).toList());
    }

    /**
     * As {@link #publishAll}, without holding the calling thread, for an I/O thread once
     * {@link #publishesWithoutWaiting} said so (the directory is not asked: it had nobody to resolve).
     * The stage completes with the answers once every alert is acknowledged, or fails with the same
     * 503 problem.
     */
    public CompletableFuture<List<AlertAccepted>> publishAllFromIoThread(AuthenticatedAppliance appliance,
            List<AlertRequest> requests) {
        return publishAllDurably(appliance, requests, Map.of());
    }

    private CompletableFuture<List<AlertAccepted>> publishAllDurably(AuthenticatedAppliance appliance,
            List<AlertRequest> requests, Map<DirectoryLookup.Subject, DirectoryLookup.ResolvedPerson> people) {
        Instant receivedAt = clock.instant();
        List<AlertAccepted> accepted = new ArrayList<>(requests.size());
        CompletableFuture<?>[] acks = new CompletableFuture<?>[requests.size()];
        TraceContext trace = TraceContext.current();
        for (Encoded encoded : encode(appliance, requests, receivedAt, people, trace)) {
            acks[accepted.size()] = producer.sendAsync(Topics.ALERTS, appliance.schoolId(), encoded.event(), trace);
            accepted.add(encoded.accepted());
        }
        CompletableFuture<List<AlertAccepted>> answer = new CompletableFuture<>();
        CompletableFuture.allOf(acks).orTimeout(publishTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((acknowledged, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(unavailable(firstNotAcknowledged(acks, accepted), failure));
                        return;
                    }
                    lastSeen.touch(appliance.applianceId(), receivedAt);
                    acceptedAlerts.count(appliance, accepted.size());
                    LOG.debugf("Accepted %d alert(s) from appliance %s for school %s", accepted.size(),
                            appliance.applianceId(), appliance.schoolId());
                    answer.complete(accepted);
                });
        return answer;
    }

    private static String firstNotAcknowledged(CompletableFuture<?>[] acks, List<AlertAccepted> accepted) {
        for (int i = 0; i < acks.length; i++) {
            if (!acks[i].isDone() || acks[i].isCompletedExceptionally()) {
                return accepted.get(i).alertId();
            }
        }
        return accepted.isEmpty() ? "(none)" : accepted.get(0).alertId();
    }

    /**
     * Publishes without waiting, for streams that have no answer to hold back (syslog): each stage
     * completes once its alert is acknowledged by the broker, or exceptionally if it could not be.
     */
    public List<CompletableFuture<AlertAccepted>> publishAllAsync(AuthenticatedAppliance appliance,
            List<AlertRequest> requests) {
        Instant receivedAt = clock.instant();
        List<CompletableFuture<AlertAccepted>> results = new ArrayList<>(requests.size());
        TraceContext trace = TraceContext.current();
        for (Encoded encoded : encode(appliance, requests, receivedAt, people(appliance, requests), trace)) {
            results.add(producer.sendAsync(Topics.ALERTS, appliance.schoolId(), encoded.event(), trace)
                    .thenApply(metadata -> {
                        acceptedAlerts.count(appliance, 1);
                        return encoded.accepted();
                    }));
        }
        return results;
    }

    /** An alert's event, encoded, with the answer its sender gets once it is durable. */
    private record Encoded(AlertAccepted accepted, String event) {
    }

    /** The persons the directory knows these alerts to be about (may query the database). */
    private Map<DirectoryLookup.Subject, DirectoryLookup.ResolvedPerson> people(AuthenticatedAppliance appliance,
            List<AlertRequest> requests) {
        return directory.resolveAll(appliance.schoolId(), appliance.applianceId(),
                requests.stream().map(AlertPublisher::subjectOf).toList());
    }

    /**
     * The alerts' events, each with {@code trace} (the request's span, null if none) in its envelope:
     * they go straight to Kafka, not through the outbox, so they are given it here.
     */
    private List<Encoded> encode(AuthenticatedAppliance appliance, List<AlertRequest> requests, Instant receivedAt,
            Map<DirectoryLookup.Subject, DirectoryLookup.ResolvedPerson> people, TraceContext trace) {
        List<Encoded> encoded = new ArrayList<>(requests.size());
        for (AlertRequest request : requests) {
            String alertId = alertIdOf(appliance.applianceId(), request.eventId());
            AlertReceived alert = new AlertReceived(alertId, appliance.trustId(), appliance.schoolId(),
                    appliance.applianceId(), request.eventId(), SourceKind.fromWire(appliance.kind()),
                    appliance.vendor(), request.category().strip(), request.action().toLowerCase(Locale.ROOT),
                    blankToNull(request.user()), blankToNull(request.device()),
                    privacy.urlHostToKeep(request.category(), request.url()), request.vendorSeverity(),
                    request.occurredAt(), receivedAt, captureAvailable(request), blankToNull(request.captureRef()),
                    null, null);
            DirectoryLookup.ResolvedPerson person = people.get(subjectOf(request));
            if (person != null) {
                alert = alert.withPerson(person.personId(), person.kind());
            }
            String event = EventCodec.encode(alertId, SOURCE, alert, alertId, appliance.trustId(),
                    appliance.schoolId(), alertId, receivedAt);
            if (trace != null) {
                event = trace.addTo(event);
            }
            encoded.add(new Encoded(new AlertAccepted(alertId, request.eventId(), "accepted"), event));
        }
        return encoded;
    }

    private static ProblemException unavailable(String alertId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        LOG.warnf("Alert %s not acknowledged by Kafka: %s", alertId,
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        return new ProblemException(Problem.of("not-durable", "Alert not accepted", 503,
                "The alert could not be stored durably; send it again (it will not be duplicated)"));
    }

    private static Boolean captureAvailable(AlertRequest request) {
        if (request.captureAvailable() != null) {
            return request.captureAvailable();
        }
        return request.captureRef() == null || request.captureRef().isBlank() ? null : Boolean.TRUE;
    }

    private static DirectoryLookup.Subject subjectOf(AlertRequest request) {
        return new DirectoryLookup.Subject(blankToNull(request.user()), blankToNull(request.device()));
    }

}
