package io.vigil.triage.incident;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.triage.alert.IncidentAlert;
import io.vigil.triage.directory.Person;
import io.vigil.triage.rota.Rota;
import io.vigil.triage.silence.Silence;
import io.vigil.triage.taxonomy.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What triage must read to place the alerts of one poll, read with one query each for the whole batch
 * instead of per alert (which alerts it already stored, the directory people, the open incidents the
 * alerts may join), then kept up to date in memory as the batch's alerts are placed one after another
 * in the same transaction, so each alert sees exactly what it would have seen on its own. The
 * incidents it may join are locked until the transaction ends, so a case change made meanwhile waits
 * instead of being overwritten. The alerts' rows are written together when the batch is done.
 */
public final class AlertBatch {

    /** How an alert is placed: its policy category, the silence it falls under and its correlation key. */
    record Placement(Taxonomy.Mapping mapping, Silence silence, String key) {
    }

    private final Map<AlertReceived, Placement> placements = new IdentityHashMap<>();
    private final Set<String> stored = new HashSet<>();
    private final Map<String, Person> people = new HashMap<>();
    private final Map<String, List<Incident>> open = new HashMap<>();
    private final List<IncidentAlert> toStore = new ArrayList<>();
    private final Rota.Snapshot rota;

    AlertBatch(Rota.Snapshot rota) {
        this.rota = rota;
    }

    /** Who is on call, each trust's rota read once for the batch. */
    Rota.Snapshot rota() {
        return rota;
    }

    void place(AlertReceived alert, Placement placement) {
        placements.put(alert, placement);
    }

    Placement placementOf(AlertReceived alert) {
        return placements.get(alert);
    }

    Collection<Placement> placements() {
        return placements.values();
    }

    /** Alerts already stored, each as its appliance id and source event id. */
    void alreadyStored(Collection<List<String>> alerts) {
        alerts.forEach(a -> stored.add(sourceKey(a.get(0), a.get(1))));
    }

    void people(Collection<Person> found) {
        found.forEach(p -> people.put(p.id, p));
    }

    void openIncidents(Collection<Incident> found) {
        found.forEach(this::opened);
    }

    /** Whether this alert (by appliance and source event id) already belongs to an incident. */
    boolean isStored(AlertReceived alert) {
        return stored.contains(sourceKey(alert.applianceId(), alert.sourceEventId()));
    }

    /** The person of this school, unless unknown or removed. */
    Person person(String id, String schoolId) {
        Person person = id == null ? null : people.get(id);
        return person != null && !person.removed && person.schoolId.equals(schoolId) ? person : null;
    }

    /** The open incident with this key whose last alert is no earlier than {@code since}, the latest first. */
    Optional<Incident> correlated(String schoolId, String key, Instant since) {
        Incident best = null;
        for (Incident incident : open.getOrDefault(incidentKey(schoolId, key), List.of())) {
            if (!"closed".equals(incident.status) && !incident.lastSeenAt.isBefore(since)
                    && (best == null || incident.lastSeenAt.isAfter(best.lastSeenAt))) {
                best = incident;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A new incident (or one just read): later alerts of the batch may join it. */
    void opened(Incident incident) {
        List<Incident> same = open.computeIfAbsent(incidentKey(incident.schoolId, incident.correlationKey),
                k -> new ArrayList<>());
        if (!same.contains(incident)) {
            same.add(incident);
        }
    }

    /** An alert placed in an incident, written when the batch is done. */
    void store(IncidentAlert alert) {
        stored.add(sourceKey(alert.applianceId, alert.sourceEventId));
        toStore.add(alert);
    }

    List<IncidentAlert> toStore() {
        return toStore;
    }

    private static String sourceKey(String applianceId, String sourceEventId) {
        return applianceId + "\n" + sourceEventId;
    }

    private static String incidentKey(String schoolId, String key) {
        return schoolId + "\n" + key;
    }
}
