package io.vigil.intake.webhook;

import static io.vigil.common.text.Strings.blankToNull;

import io.vigil.common.kafka.EventProducer;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
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
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        Instant receivedAt = clock.instant();
        List<AlertAccepted> accepted = new ArrayList<>(requests.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(requests.size());
        for (Encoded encoded : encode(appliance, requests, receivedAt)) {
            acks.add(producer.send(Topics.ALERTS, appliance.schoolId(), encoded.event()));
            accepted.add(encoded.accepted());
        }
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(accepted.get(i).alertId(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw unavailable(accepted.get(i).alertId(), e);
            }
        }
        lastSeen.touch(appliance.applianceId(), receivedAt);
        LOG.debugf("Accepted %d alert(s) from appliance %s for school %s", accepted.size(), appliance.applianceId(),
                appliance.schoolId());
        return accepted;
    }

    /**
     * Publishes without waiting, for streams that have no answer to hold back (syslog): each stage
     * completes once its alert is acknowledged by the broker, or exceptionally if it could not be.
     */
    public List<CompletableFuture<AlertAccepted>> publishAllAsync(AuthenticatedAppliance appliance,
            List<AlertRequest> requests) {
        Instant receivedAt = clock.instant();
        List<CompletableFuture<AlertAccepted>> results = new ArrayList<>(requests.size());
        for (Encoded encoded : encode(appliance, requests, receivedAt)) {
            results.add(producer.sendAsync(Topics.ALERTS, appliance.schoolId(), encoded.event())
                    .thenApply(metadata -> encoded.accepted()));
        }
        return results;
    }

    /** An alert's event, encoded, with the answer its sender gets once it is durable. */
    private record Encoded(AlertAccepted accepted, String event) {
    }

    private List<Encoded> encode(AuthenticatedAppliance appliance, List<AlertRequest> requests, Instant receivedAt) {
        List<Encoded> encoded = new ArrayList<>(requests.size());
        Map<DirectoryLookup.Subject, DirectoryLookup.ResolvedPerson> people = directory.resolveAll(
                appliance.schoolId(), appliance.applianceId(), requests.stream().map(AlertPublisher::subjectOf).toList());
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
            encoded.add(new Encoded(new AlertAccepted(alertId, request.eventId(), "accepted"), event));
        }
        return encoded;
    }

    private static ProblemException unavailable(String alertId, Exception cause) {
        LOG.warnf("Alert %s not acknowledged by Kafka: %s", alertId, cause.getMessage());
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
