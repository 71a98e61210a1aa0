package io.vigil.intake.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.contracts.directory.DirectoryAccount;
import io.vigil.contracts.directory.PersonKind;
import io.vigil.contracts.directory.PersonRemoved;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.Appliance;
import io.vigil.intake.school.School;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the directory: upserts and removes learners, guardians and staff for the schools of the
 * caller's trust, and publishes each change to {@code vigil.directory.v1} through the outbox in the
 * transaction that makes it. A record held exactly as sent is left alone and publishes nothing.
 * Each request writes one audit record with counts only, never personal details.
 */
@ApplicationScoped
public class DirectoryFeed {

    /** The most records one upload may hold. */
    public static final int MAX_RECORDS = 5_000;
    static final String SOURCE = "/vigil/intake";

    @Inject
    TenantScope tenant;

    @Inject
    DirectoryLookup lookup;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** One record on its way through an upload: what was read, and what is wrong with it. */
    private static final class Entry<P extends Record> {
        final int index;
        final P person;
        final List<Problem.FieldError> errors;
        String status;

        Entry(int index, P person, List<Problem.FieldError> errors) {
            this.index = index;
            this.person = person;
            this.errors = new ArrayList<>(errors);
        }

        void reject(String field, String message) {
            errors.add(new Problem.FieldError("records[" + index + "]." + field, message));
        }
    }

    /**
     * Upserts a whole upload in one transaction. Records that are invalid are rejected with their
     * field errors and the others written; if none can be written the answer is 400 with every
     * error. A school outside the caller's trust refuses the whole upload (403).
     */
    @Transactional
    public <P extends Record> UploadResult upsert(PersonRecords<P> kind, List<ObjectNode> records, String format) {
        if (records.isEmpty()) {
            throw ProblemException.badRequest("An upload holds 1 to " + MAX_RECORDS + " records",
                    List.of(new Problem.FieldError("records", "must hold 1 to " + MAX_RECORDS + " records")));
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<Entry<P>> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            FieldReader reader = new FieldReader(i, records.get(i));
            P person = kind.parse(reader, today);
            entries.add(new Entry<>(i, person, reader.errors()));
        }
        Set<String> schoolIds = entries.stream().map(e -> kind.schoolId(e.person)).filter(FieldReader::isId)
                .collect(Collectors.toCollection(TreeSet::new));
        String trustId = auditingDenial("directory." + path(kind.kind()) + "-uploaded", "directory",
                path(kind.kind()), () -> requireSchoolsOfTrust(schoolIds));

        rejectRepeatedIds(kind, entries);
        Map<String, P> held = heldAndNotElsewhere(kind, entries, trustId);
        rejectForeignAppliances(kind, entries);

        List<Entry<P>> changed = new ArrayList<>();
        for (Entry<P> entry : entries) {
            if (!entry.errors.isEmpty()) {
                entry.status = UploadResult.REJECTED;
                continue;
            }
            P before = held.get(kind.personId(entry.person));
            boolean same = before != null
                    && kind.stamped(before, null, null).equals(kind.stamped(entry.person, null, null));
            entry.status = same ? UploadResult.UNCHANGED : UploadResult.UPSERTED;
            if (!same) {
                changed.add(entry);
            }
        }
        List<UploadResult.Item> results = entries.stream().map(e -> new UploadResult.Item(e.index,
                FieldReader.isId(kind.personId(e.person)) ? kind.personId(e.person) : null, e.status,
                e.errors.stream().sorted(Comparator.comparing(Problem.FieldError::field)).toList())).toList();
        int rejected = (int) entries.stream().filter(e -> e.status.equals(UploadResult.REJECTED)).count();
        if (rejected == entries.size()) {
            List<Problem.FieldError> errors = results.stream().flatMap(r -> r.errors().stream()).toList();
            throw ProblemException.badRequest("No record of the upload is valid: " + errors.stream()
                    .map(Problem.FieldError::field).limit(20).collect(Collectors.joining(", ")), errors);
        }

        replaceAccounts(kind, changed.stream().map(e -> e.person).toList());
        for (Entry<P> entry : changed) {
            P person = kind.stamped(entry.person, trustId, now);
            kind.save(person, now);
            String personId = kind.personId(person);
            outbox.publish(Topics.DIRECTORY, personId, EventCodec.encoded(SOURCE, person, personId, trustId,
                    kind.schoolId(person), null, now));
        }
        int unchanged = entries.size() - rejected - changed.size();
        audit.record(trustId, schoolIds.size() == 1 ? schoolIds.iterator().next() : null, tenant.actor(),
                "directory." + path(kind.kind()) + "-uploaded", "directory", path(kind.kind()), "success",
                Map.of("format", format, "received", Integer.toString(entries.size()),
                        "upserted", Integer.toString(changed.size()), "unchanged", Integer.toString(unchanged),
                        "rejected", Integer.toString(rejected)));
        return new UploadResult(entries.size(), changed.size(), unchanged, rejected, results);
    }

    /** Removes a person and their accounts, and publishes {@code PersonRemoved} as the key's last value. */
    @Transactional
    public <P extends Record> void remove(PersonRecords<P> kind, String personId) {
        String action = "directory." + kind.kind().wireName() + "-removed";
        P person = auditingDenial(action, kind.kind().wireName(), personId, () -> visible(kind, personId));
        String schoolId = kind.schoolId(person);
        String trustId = tenant.trustId();
        Instant now = clock.instant();
        PersonAccount.delete("personId", personId);
        kind.delete(personId);
        outbox.publish(Topics.DIRECTORY, personId, EventCodec.encoded(SOURCE,
                new PersonRemoved(personId, kind.kind(), schoolId, trustId, now), personId, trustId, schoolId, null,
                now));
        audit.record(trustId, schoolId, tenant.actor(), action, kind.kind().wireName(), personId, "success", Map.of());
    }

    /** What the directory holds about a person, for their trust's administrator; the read is audited. */
    @Transactional
    public <P extends Record> P get(PersonRecords<P> kind, String personId) {
        String action = "directory." + kind.kind().wireName() + "-read";
        P person = auditingDenial(action, kind.kind().wireName(), personId, () -> visible(kind, personId));
        String trustId = tenant.trustId();
        audit.record(trustId, kind.schoolId(person), tenant.actor(), action, kind.kind().wireName(), personId,
                "success", Map.of());
        return kind.stamped(person, trustId, kind.updatedAt(person));
    }

    /** The held person, if the caller's trust and schools include theirs; 404 otherwise (existence is not revealed). */
    private <P extends Record> P visible(PersonRecords<P> kind, String personId) {
        P person = FieldReader.isId(personId) ? load(kind, List.of(personId)).get(personId) : null;
        if (person == null || !schoolsOfTrust(Set.of(kind.schoolId(person))).contains(kind.schoolId(person))) {
            throw ProblemException.notFound("No " + kind.kind().wireName() + " " + personId);
        }
        return person;
    }

    private <P extends Record> Map<String, P> load(PersonRecords<P> kind, Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<DirectoryAccount>> accounts = PersonAccount.<PersonAccount>list("personId in ?1", personIds)
                .stream().collect(Collectors.groupingBy(a -> a.personId, Collectors.collectingAndThen(
                        Collectors.mapping(a -> new DirectoryAccount(a.applianceId, a.username, a.deviceId),
                                Collectors.toList()), FieldReader::sorted)));
        return kind.load(personIds, accounts);
    }

    /** The caller's trust, once every school named is one of the caller's and of that trust (403 otherwise). */
    private String requireSchoolsOfTrust(Set<String> schoolIds) {
        String trustId = tenant.trustId();
        Set<String> inTrust = schoolsOfTrust(schoolIds);
        for (String schoolId : schoolIds) {
            if (!inTrust.contains(schoolId)) {
                throw ProblemException.forbidden("You do not administer school '" + schoolId + "'");
            }
        }
        return trustId;
    }

    /** Of these schools, those in the caller's token that really belong to the caller's trust. */
    private Set<String> schoolsOfTrust(Set<String> schoolIds) {
        Set<String> mine = new HashSet<>(schoolIds);
        mine.retainAll(tenant.schoolIds());
        if (mine.isEmpty()) {
            return Set.of();
        }
        return School.<School>list("id in ?1 and trustId = ?2", mine, tenant.trustId()).stream()
                .map(school -> school.id).collect(Collectors.toSet());
    }

    private static <P extends Record> void rejectRepeatedIds(PersonRecords<P> kind, List<Entry<P>> entries) {
        Set<String> seen = new HashSet<>();
        for (Entry<P> entry : entries) {
            String personId = kind.personId(entry.person);
            if (personId != null && !seen.add(personId)) {
                entry.reject("personId", "appears more than once in this upload");
            }
        }
    }

    /**
     * The held records of this kind for the upload's ids, after rejecting ids that belong to another
     * kind of person or to a school outside the caller's trust (a person id keys the directory topic,
     * so it must stay one person's). The message does not say whose the id is.
     */
    private <P extends Record> Map<String, P> heldAndNotElsewhere(PersonRecords<P> kind, List<Entry<P>> entries,
            String trustId) {
        Set<String> ids = entries.stream().filter(e -> e.errors.isEmpty()).map(e -> kind.personId(e.person))
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, P> held = load(kind, ids);
        Set<String> heldSchools = held.values().stream().map(kind::schoolId).collect(Collectors.toSet());
        Set<String> reachable = heldSchools.isEmpty() ? Set.of() : schoolsOfTrust(heldSchools);
        Set<String> otherKinds = new HashSet<>();
        for (PersonKind other : PersonKind.values()) {
            if (other != kind.kind()) {
                otherKinds.addAll(idsOf(other, ids));
            }
        }
        for (Entry<P> entry : entries) {
            String personId = kind.personId(entry.person);
            P before = held.get(personId);
            if (entry.errors.isEmpty() && (otherKinds.contains(personId)
                    || before != null && !reachable.contains(kind.schoolId(before)))) {
                entry.reject("personId", "is already used by another person");
            }
        }
        return held;
    }

    private static List<String> idsOf(PersonKind kind, Set<String> ids) {
        return switch (kind) {
            case LEARNER -> Learner.<Learner>list("id in ?1", ids).stream().map(l -> l.id).toList();
            case GUARDIAN -> Guardian.<Guardian>list("id in ?1", ids).stream().map(g -> g.id).toList();
            case STAFF -> StaffMember.<StaffMember>list("id in ?1", ids).stream().map(s -> s.id).toList();
        };
    }

    /** An account may name only an appliance registered to the person's school. */
    private static <P extends Record> void rejectForeignAppliances(PersonRecords<P> kind, List<Entry<P>> entries) {
        Set<String> applianceIds = entries.stream().flatMap(e -> kind.accounts(e.person).stream())
                .map(DirectoryAccount::applianceId).filter(FieldReader::isId).collect(Collectors.toSet());
        if (applianceIds.isEmpty()) {
            return;
        }
        Map<String, String> schoolOf = new HashMap<>();
        Appliance.<Appliance>list("id in ?1", applianceIds).forEach(a -> schoolOf.put(a.id, a.schoolId));
        for (Entry<P> entry : entries) {
            List<DirectoryAccount> accounts = kind.accounts(entry.person);
            for (int i = 0; i < accounts.size(); i++) {
                String applianceId = accounts.get(i).applianceId();
                if (FieldReader.isId(applianceId)
                        && !Objects.equals(kind.schoolId(entry.person), schoolOf.get(applianceId))) {
                    entry.reject("accounts[" + i + "].applianceId", "is not an appliance of this school");
                }
            }
        }
    }

    private <P extends Record> void replaceAccounts(PersonRecords<P> kind, List<P> people) {
        if (people.isEmpty() || kind.kind() == PersonKind.GUARDIAN) {
            return;
        }
        PersonAccount.delete("personId in ?1", people.stream().map(kind::personId).toList());
        for (P person : people) {
            for (DirectoryAccount account : kind.accounts(person)) {
                PersonAccount row = new PersonAccount();
                row.personId = kind.personId(person);
                row.personKind = kind.kind().wireName();
                row.schoolId = kind.schoolId(person);
                row.applianceId = account.applianceId();
                row.username = account.username();
                row.deviceId = account.deviceId();
                row.persist();
                lookup.accountsAdded(row.schoolId);
            }
        }
    }

    /** Runs a scope check; when it refuses (403) or hides (404), the attempt is audited as denied. */
    private <T> T auditingDenial(String action, String resourceType, String resourceId, Supplier<T> check) {
        try {
            return check.get();
        } catch (ProblemException refused) {
            audit.recordDenied(tenant.trustId(), tenant.actor(), action, resourceType, resourceId,
                    refused.problem().status());
            throw refused;
        }
    }

    /** The path segment of a kind in the API: learners, guardians, staff. */
    static String path(PersonKind kind) {
        return switch (kind) {
            case LEARNER -> "learners";
            case GUARDIAN -> "guardians";
            case STAFF -> "staff";
        };
    }
}
