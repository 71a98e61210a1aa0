package io.vigil.triage.incident;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.contracts.topics.Topics;
import io.vigil.triage.alert.IncidentAlert;
import io.vigil.triage.concern.IncidentConcern;
import io.vigil.triage.deadline.Deadlines;
import io.vigil.triage.directory.Person;
import io.vigil.triage.routing.Router;
import io.vigil.triage.rota.Rota;
import io.vigil.triage.severity.SeverityScorer;
import io.vigil.triage.silence.Silence;
import io.vigil.triage.silence.Silences;
import io.vigil.triage.taxonomy.CategoryOverrides;
import io.vigil.triage.taxonomy.Taxonomy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns alerts, staff concerns and silent sources into incidents (cases) and announces them on
 * {@code vigil.incidents.v1}: the vendor category is mapped to a policy category, alerts about the
 * same person (or device) and category within the correlation window join one incident, a concern
 * about a learner joins that learner's open case, severity is scored with its reasons, and the
 * incident is routed (the safeguarding team, the head for staff, the chair of governors and trust
 * lead for the head; illegal content to the DSL and head at once). Every change and its event
 * commit together.
 */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);
    static final String SOURCE = "/vigil/triage";

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Inject
    Deadlines deadlines;

    @Inject
    Silences silences;

    @Inject
    CategoryOverrides overrides;

    @Inject
    Rota rota;

    @ConfigProperty(name = "vigil.triage.correlation.window", defaultValue = "10m")
    Duration window;

    @ConfigProperty(name = "vigil.triage.zone", defaultValue = "Europe/London")
    ZoneId zone;

    private final Taxonomy taxonomy = Taxonomy.shipped();

    /**
     * Reads what placing these alerts needs, with a few queries for all of them: the mapping and
     * silence of each (from memory), which are already stored, their people, and the open incidents
     * they may join (locked until the transaction ends). Then {@link #onAlert} places them one by one,
     * in order, and {@link #finish} writes their rows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AlertBatch prepare(List<AlertReceived> alerts) {
        AlertBatch batch = new AlertBatch(rota.snapshot());
        if (alerts.isEmpty()) {
            return batch;
        }
        List<String> appliances = new ArrayList<>(alerts.size());
        List<String> sourceEvents = new ArrayList<>(alerts.size());
        Set<String> people = new HashSet<>();
        Set<String> schools = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Instant since = null;
        for (AlertReceived alert : alerts) {
            AlertBatch.Placement placement = place(alert);
            batch.place(alert, placement);
            appliances.add(alert.applianceId());
            sourceEvents.add(alert.sourceEventId());
            if (alert.personId() != null) {
                people.add(alert.personId());
            }
            schools.add(alert.schoolId());
            keys.add(placement.key());
            Instant from = alert.occurredAt().minus(window);
            since = since == null || from.isBefore(since) ? from : since;
        }
        batch.alreadyStored(IncidentAlert.storedAmong(appliances, sourceEvents));
        if (!people.isEmpty()) {
            batch.people(Person.list("id in ?1", people));
        }
        batch.openIncidents(Incident.lockOpenCorrelated(schools, keys, since));
        return batch;
    }

    /** Writes the batch's incidents, then the rows of its alerts (one statement) that refer to them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(AlertBatch batch) {
        if (!batch.toStore().isEmpty()) {
            entityManager.flush();
            IncidentAlert.insertAll(batch.toStore());
        }
    }

    /** The alert's policy category (the trust's or school's own mapping first), silence and correlation key. */
    private AlertBatch.Placement place(AlertReceived alert) {
        Taxonomy.Mapping mapping = overrides.current(alert.trustId(), alert.schoolId(), alert.vendor(),
                Taxonomy.normalise(alert.vendorCategory()))
                .map(o -> new Taxonomy.Mapping(PolicyCategory.fromSlug(o.policyCategory()), (o.schoolId() == null
                        ? "trust" : "school") + " mapping v" + o.version() + " by " + o.changedBy()))
                .orElseGet(() -> taxonomy.map(alert.vendor(), alert.vendorCategory()));
        // A silenced alert only ever joins incidents of the same silence, so an alert nobody silenced
        // is never hidden in a silenced incident (and the other way round).
        Silence silence = silences.matching(new Silence.Facts(alert.trustId(), alert.schoolId(), alert.applianceId(),
                mapping.category(), alert.userRef(), alert.deviceRef(), alert.receivedAt())).orElse(null);
        String key = mapping.category().slug() + "|" + subjectOf(alert) + (silence == null ? "" : "|silence:" + silence.id);
        return new AlertBatch.Placement(mapping, silence, key);
    }

    /**
     * Adds a new alert of the batch to its incident, or opens one; a redelivered alert changes
     * nothing. The alert must have been read by {@link #prepare} with the batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onAlert(AlertReceived alert, AlertBatch batch) {
        if (batch.isStored(alert)) {
            LOG.debugf("Alert %s from %s already belongs to an incident", alert.sourceEventId(), alert.applianceId());
            return;
        }
        AlertBatch.Placement placement = batch.placementOf(alert);
        Taxonomy.Mapping mapping = placement.mapping();
        if (mapping.category() == PolicyCategory.UNCLASSIFIED) {
            noteUnmapped(alert);
        }
        Person person = batch.person(alert.personId(), alert.schoolId());
        Silence silence = placement.silence();
        String key = placement.key();
        Incident incident = batch.correlated(alert.schoolId(), key, alert.occurredAt().minus(window)).orElse(null);
        if (incident != null) {
            incident.alertCount++;
            incident.vendorSeverityMax = max(incident.vendorSeverityMax, alert.vendorSeverity());
            seen(incident, alert.occurredAt());
            batch.store(stored(alert, incident.id, mapping.category()));
            rescore(incident, mapping.category(), person, "alert-added", alert.alertId());
            return;
        }
        boolean staffUser = "staff".equals(alert.personKind());
        incident = newIncident(alert.trustId(), alert.schoolId(), mapping.category(), key, alert.occurredAt(),
                person, staffUser);
        incident.mappingBasis = mapping.basis();
        incident.subjectRef = alert.userRef() != null ? alert.userRef() : alert.deviceRef();
        incident.alertCount = 1;
        incident.vendorSeverityMax = alert.vendorSeverity();
        incident.silenceId = silence == null ? null : silence.id;
        score(incident, mapping.category(), person);
        incident.persist();
        batch.opened(incident);
        batch.store(stored(alert, incident.id, mapping.category()));
        opened(incident, List.of(alert.alertId()), alert.alertId(), alert.applianceId(), batch.rota());
    }

    /** A concern about a learner joins the learner's open case; any other concern opens its own. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onConcern(ConcernReported concern) {
        if (IncidentConcern.findById(concern.concernId()) != null) {
            return;
        }
        Person learner = Person.ofSchool(concern.learnerId(), concern.schoolId());
        Incident incident = concern.concernsStaffMember() || concern.learnerId() == null ? null
                : Incident.findOpenAbout(concern.schoolId(), concern.learnerId()).orElse(null);
        if (incident != null) {
            incident.concernCount++;
            seen(incident, concern.occurredAt());
            store(concern, incident.id);
            rescore(incident, concern.category(), learner, "concern-linked", concern.concernId());
            return;
        }
        Person staffMember = Person.ofSchool(concern.staffMemberId(), concern.schoolId());
        String personId = concern.concernsStaffMember() ? concern.staffMemberId() : concern.learnerId();
        incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.trustId = concern.trustId();
        incident.schoolId = concern.schoolId();
        incident.category = concern.category().slug();
        incident.correlationKey = "concern:" + concern.concernId();
        incident.mappingBasis = "chosen by the reporter";
        incident.status = "open";
        incident.personId = personId;
        incident.concernCount = 1;
        incident.firstSeenAt = concern.occurredAt();
        incident.lastSeenAt = concern.occurredAt();
        incident.openedAt = clock.instant();
        route(incident, new Router.Subject(concern.category(), concern.concernsStaffMember(),
                staffMember == null ? null : staffMember.safeguardingRole));
        score(incident, concern.category(), concern.concernsStaffMember() ? null : learner);
        if (concern.concernsStaffMember()) {
            incident.severity = max(Severity.fromWire(incident.severity), Severity.HIGH).wireName();
            incident.severityReasons += "\nA concern about a member of staff: at least high";
        }
        incident.persist();
        store(concern, incident.id);
        opened(incident, List.of(concern.concernId()), concern.concernId(), null, rota.snapshot());
    }

    /**
     * A silent filter or monitoring tool is itself an incident, once per silence; later alerts of the
     * batch see it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSourceSilent(SourceSilent silent, String eventId, AlertBatch batch) {
        String key = PolicyCategory.MONITORING_FAILURE.slug() + "|appliance:" + silent.applianceId();
        if (Incident.findCorrelated(silent.schoolId(), key, Instant.EPOCH).isPresent()) {
            return;
        }
        Incident incident = newIncident(silent.trustId(), silent.schoolId(), PolicyCategory.MONITORING_FAILURE, key,
                silent.silentSince(), null, false);
        incident.mappingBasis = "appliance silent";
        // A maintenance window is a silence on the appliance.
        incident.silenceId = silences.matching(new Silence.Facts(silent.trustId(), silent.schoolId(),
                silent.applianceId(), PolicyCategory.MONITORING_FAILURE, null, null, incident.openedAt))
                .map(s -> s.id).orElse(null);
        incident.subjectRef = silent.applianceName();
        score(incident, PolicyCategory.MONITORING_FAILURE, null);
        incident.severityReasons += "\n" + silent.applianceName() + " (" + silent.vendor() + ") has sent nothing since "
                + (silent.lastSeenAt() == null ? "it was registered" : silent.lastSeenAt()) + "; it is expected every "
                + Math.max(1, silent.expectedHeartbeatSeconds() / 60) + " minutes";
        incident.persist();
        batch.opened(incident);
        opened(incident, List.of(eventId), eventId, silent.applianceId(), batch.rota());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onSourceResumed(SourceResumed resumed) {
        String key = PolicyCategory.MONITORING_FAILURE.slug() + "|appliance:" + resumed.applianceId();
        Incident.findCorrelated(resumed.schoolId(), key, Instant.EPOCH).ifPresent(incident -> {
            seen(incident, resumed.resumedAt());
            updated(incident, "source-resumed", null);
        });
    }

    private Incident newIncident(String trustId, String schoolId, PolicyCategory category, String key,
            Instant occurredAt, Person person, boolean staffUser) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.trustId = trustId;
        incident.schoolId = schoolId;
        incident.category = category.slug();
        incident.correlationKey = key;
        incident.status = "open";
        incident.personId = person == null ? null : person.id;
        incident.firstSeenAt = occurredAt;
        incident.lastSeenAt = occurredAt;
        incident.openedAt = clock.instant();
        route(incident, new Router.Subject(category, staffUser, person == null ? null : person.safeguardingRole));
        return incident;
    }

    private static void route(Incident incident, Router.Subject subject) {
        Router.Route route = Router.route(subject);
        incident.routedTo = route.routedTo();
        incident.alsoRoutedTo = String.join(",", route.alsoRoutedTo());
        incident.restricted = route.restricted();
        incident.requiredSteps = String.join("\n", route.requiredSteps());
    }

    private void score(Incident incident, PolicyCategory category, Person learner) {
        SeverityScorer.Score score = SeverityScorer.score(new SeverityScorer.Inputs(category,
                incident.vendorSeverityMax, learnerOf(learner), incident.alertCount + incident.concernCount,
                incident.lastSeenAt, zone));
        incident.severity = score.severity().wireName();
        incident.severityReasons = String.join("\n", score.reasons());
    }

    /** Scores again after a new alert or concern: severity only ever rises by itself. */
    private void rescore(Incident incident, PolicyCategory category, Person learner, String change, String causeId) {
        Severity before = Severity.fromWire(incident.severity);
        String reasonsBefore = incident.severityReasons;
        PolicyCategory scored = PolicyCategory.fromSlug(incident.category);
        score(incident, category.illegalContent() ? category : scored, learner);
        if (Severity.fromWire(incident.severity).compareTo(before) > 0) {
            updated(incident, "severity-raised", causeId);
        } else {
            incident.severity = before.wireName();
            incident.severityReasons = reasonsBefore;
            if (milestone(incident.alertCount + incident.concernCount) || change.equals("concern-linked")) {
                updated(incident, change, causeId);
            }
        }
    }

    /** Counts at which a growing incident is announced again, so a burst of 500 is a handful of events. */
    static boolean milestone(int count) {
        return count == 2 || count == 5 || count == 10 || count == 25 || count == 50 || count == 100
                || count == 250 || count == 500 || count % 1000 == 0;
    }

    private void opened(Incident incident, List<String> causeIds, String correlationId, String sourceId,
            Rota.Snapshot onCallRota) {
        Instant now = incident.openedAt;
        Severity severity = Severity.fromWire(incident.severity);
        boolean silenced = incident.silenceId != null;
        // A silenced incident is recorded and counted, but nobody is told and nothing escalates.
        incident.ackDueAt = silenced ? null : deadlines.acknowledgeBy(severity, now);
        if (incident.restricted) {
            incident.ladoDueAt = deadlines.calendar().endOfNextWorkingDay(now);
        }
        List<String> onCall = silenced || severity.compareTo(Severity.HIGH) < 0 ? null
                : onCallRota.onCall(incident.trustId, incident.schoolId, incident.restricted, now);
        // A pupil's user name stops at triage; a silent appliance's name is no one's, and its message names it.
        String subjectRef = PolicyCategory.MONITORING_FAILURE.slug().equals(incident.category) ? incident.subjectRef
                : null;
        IncidentOpened opened = new IncidentOpened(incident.id.toString(), incident.trustId, incident.schoolId,
                incident.category, severity, lines(incident.severityReasons),
                incident.routedTo, causeIds, subjectRef, incident.firstSeenAt, now,
                incident.routedRoles().subList(1, incident.routedRoles().size()), incident.restricted,
                lines(incident.requiredSteps), incident.personId, onCall == null || onCall.isEmpty() ? null : onCall,
                silenced ? incident.silenceId.toString() : null, sourceId);
        outbox.publish(Topics.INCIDENTS, opened.incidentId(), EventCodec.encoded(SOURCE, opened,
                opened.incidentId(), incident.trustId, incident.schoolId, correlationId, now));
        Map<String, String> details = new LinkedHashMap<>(Map.of("cause", causeIds.get(0), "severity",
                incident.severity, "routedTo", String.join(",", incident.routedRoles())));
        if (silenced) {
            details.put("silence", incident.silenceId.toString());
        }
        if (onCall != null) {
            details.put("onCall", onCall.isEmpty() ? "nobody on the rota" : String.join(",", onCall));
        }
        audit.record(incident.trustId, incident.schoolId, "system", "incident.opened", "incident",
                opened.incidentId(), "success", details);
    }

    private void updated(Incident incident, String change, String causeId) {
        Instant now = clock.instant();
        IncidentUpdated update = new IncidentUpdated(incident.id.toString(), incident.trustId, incident.schoolId,
                change, incident.status, Severity.fromWire(incident.severity),
                incident.alertCount + incident.concernCount, null, incident.lastSeenAt, now);
        outbox.publish(Topics.INCIDENTS, update.incidentId(), EventCodec.encoded(SOURCE, update,
                update.incidentId(), incident.trustId, incident.schoolId, causeId, now));
        audit.record(incident.trustId, incident.schoolId, "system", "incident." + change, "incident",
                update.incidentId(), "success", Map.of("severity", incident.severity,
                        "count", Integer.toString(update.alertCount())));
    }

    private static void seen(Incident incident, Instant occurredAt) {
        if (occurredAt.isAfter(incident.lastSeenAt)) {
            incident.lastSeenAt = occurredAt;
        }
        if (occurredAt.isBefore(incident.firstSeenAt)) {
            incident.firstSeenAt = occurredAt;
        }
    }

    private static IncidentAlert stored(AlertReceived alert, UUID incidentId, PolicyCategory category) {
        IncidentAlert stored = new IncidentAlert();
        stored.alertId = alert.alertId();
        stored.incidentId = incidentId;
        stored.applianceId = alert.applianceId();
        stored.sourceEventId = alert.sourceEventId();
        stored.sourceKind = alert.sourceKind().wireName();
        stored.vendor = alert.vendor();
        stored.vendorCategory = alert.vendorCategory();
        stored.action = alert.action();
        // No URL of illegal content is kept anywhere, whatever a source sent.
        stored.urlHost = category.illegalContent() ? null : alert.urlHost();
        stored.occurredAt = alert.occurredAt();
        stored.receivedAt = alert.receivedAt();
        return stored;
    }

    private static void store(ConcernReported concern, UUID incidentId) {
        IncidentConcern stored = new IncidentConcern();
        stored.concernId = concern.concernId();
        stored.incidentId = incidentId;
        stored.reportedBy = concern.reportedBy();
        stored.submittedBy = concern.submittedBy();
        stored.category = concern.category().slug();
        stored.account = concern.account();
        stored.location = concern.location();
        stored.occurredAt = concern.occurredAt();
        stored.receivedAt = concern.receivedAt();
        stored.persist();
    }

    private void noteUnmapped(AlertReceived alert) {
        entityManager.createNativeQuery("insert into unmapped_category (trust_id, school_id, vendor, vendor_category, "
                + "first_seen_at, last_seen_at, alert_count) values (?1, ?2, ?3, ?4, ?5, ?5, 1) "
                + "on conflict (school_id, vendor, vendor_category) do update set alert_count = "
                + "unmapped_category.alert_count + 1, last_seen_at = greatest(unmapped_category.last_seen_at, ?5)")
                .setParameter(1, alert.trustId()).setParameter(2, alert.schoolId()).setParameter(3, alert.vendor())
                .setParameter(4, alert.vendorCategory()).setParameter(5, alert.occurredAt()).executeUpdate();
    }

    /** Whom the alert is about, for correlation: the directory person, else the user, the device, the appliance. */
    static String subjectOf(AlertReceived alert) {
        if (alert.personId() != null) {
            return "person:" + alert.personId();
        }
        if (alert.userRef() != null) {
            return "user:" + alert.userRef().toLowerCase(Locale.ROOT);
        }
        if (alert.deviceRef() != null) {
            return "device:" + alert.deviceRef().toLowerCase(Locale.ROOT);
        }
        return "appliance:" + alert.applianceId();
    }

    private static SeverityScorer.Learner learnerOf(Person person) {
        if (person == null || !"learner".equals(person.kind)) {
            return SeverityScorer.Learner.UNKNOWN;
        }
        return new SeverityScorer.Learner(person.dateOfBirth, person.send, person.lookedAfter,
                person.childProtectionPlan);
    }

    private static Integer max(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.max(a, b));
    }

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : new ArrayList<>(List.of(text.split("\n")));
    }
}
