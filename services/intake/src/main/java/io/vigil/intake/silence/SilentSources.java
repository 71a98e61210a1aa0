package io.vigil.intake.silence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.time.SchoolCalendar;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.Appliance;
import io.vigil.intake.appliance.LastSeen;
import io.vigil.intake.school.School;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Watches for appliances that stop reporting: one that sends nothing (no alert, no heartbeat, no
 * syslog line) for longer than its expected heartbeat during school hours raises
 * {@code SourceSilent}, once, and {@code SourceResumed} when it is heard from again. Silence is
 * counted from the start of the school day at the earliest, so a quiet night is not a concern.
 * The state change and its event commit together; a conditional update makes sure that with
 * several intake replicas only one of them raises it.
 */
@ApplicationScoped
public class SilentSources {

    private static final Logger LOG = Logger.getLogger(SilentSources.class);
    static final String SOURCE = "/vigil/intake";

    @Inject
    SchoolCalendar calendar;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    LastSeen lastSeen;

    @Inject
    EntityManager entityManager;

    @Scheduled(every = "${vigil.intake.silence.check-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        lastSeen.flush();
        QuarkusTransaction.requiringNew().run(() -> check(clock.instant()));
    }

    /** Raises {@code SourceSilent} for each appliance silent at {@code now}; returns how many. */
    @Transactional
    public int check(Instant now) {
        Optional<Instant> dayStart = calendar.schoolDayStart(now);
        if (dayStart.isEmpty()) {
            return 0;
        }
        int raised = 0;
        List<Appliance> watched = Appliance.list("revokedAt is null and silentSince is null");
        for (Appliance appliance : watched) {
            Instant heardFrom = appliance.lastSeenAt != null ? appliance.lastSeenAt : appliance.createdAt;
            Instant baseline = heardFrom.isAfter(dayStart.get()) ? heardFrom : dayStart.get();
            if (Duration.between(baseline, now).getSeconds() < appliance.expectedHeartbeatSeconds) {
                continue;
            }
            int claimed = entityManager.createNativeQuery(
                    "update appliance set silent_since = ?2 where id = ?1 and silent_since is null")
                    .setParameter(1, appliance.id).setParameter(2, now).executeUpdate();
            if (claimed == 1) {
                School school = School.findById(appliance.schoolId);
                SourceSilent silent = new SourceSilent(appliance.id, school.trustId, school.id, appliance.vendor,
                        SourceKind.fromWire(appliance.kind), appliance.name, appliance.lastSeenAt,
                        appliance.expectedHeartbeatSeconds, now);
                publish(silent, appliance.id, school, now, "silent");
                LOG.infof("Appliance %s of school %s is silent (last seen %s)", appliance.id, school.id,
                        appliance.lastSeenAt);
                raised++;
            }
        }
        return raised;
    }

    /**
     * Called in the transaction that records appliances as seen: those that had been silent are
     * back, which is published as {@code SourceResumed}.
     */
    public void heardFrom(Collection<String> applianceIds, Instant now) {
        if (applianceIds.isEmpty()) {
            return;
        }
        List<Appliance> resumed = new ArrayList<>(Appliance.<Appliance>list(
                "id in ?1 and silentSince is not null", applianceIds));
        for (Appliance appliance : resumed) {
            Instant silentSince = appliance.silentSince;
            int cleared = entityManager.createNativeQuery(
                    "update appliance set silent_since = null where id = ?1 and silent_since = ?2")
                    .setParameter(1, appliance.id).setParameter(2, silentSince).executeUpdate();
            if (cleared == 1) {
                School school = School.findById(appliance.schoolId);
                publish(new SourceResumed(appliance.id, school.trustId, school.id, silentSince, now),
                        appliance.id, school, now, "resumed");
            }
        }
    }

    private void publish(Record payload, String applianceId, School school, Instant now, String what) {
        String id = UUID.nameUUIDFromBytes((applianceId + "\n" + what + "\n" + now).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
        outbox.publish(Topics.ALERTS, school.id,
                EventCodec.encoded(id, SOURCE, payload, applianceId, school.trustId, school.id, id, now));
    }
}
