package io.vigil.intake.directory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Resolves the user name or device an appliance reported to the learner or member of staff the
 * directory holds it for. A user name matches case-insensitively and a device id exactly; an
 * account recorded for this appliance wins over one recorded for any appliance of the school. When
 * two people share the best match the subject stays unresolved: a guess about a child is worse
 * than none. The user name is tried before the device.
 */
@ApplicationScoped
public class DirectoryLookup {

    private static final Logger LOG = Logger.getLogger(DirectoryLookup.class);

    @Inject
    EntityManager entityManager;

    /**
     * Schools with at least one account. Every account names a user or a device, so two probes of the
     * partial indexes that resolve alerts answer it for each school, instead of reading every account of
     * every school at each reload.
     */
    static final String SCHOOLS_WITH_ACCOUNTS = "select s.id from school s"
            + " where exists (select 1 from person_account a where a.school_id = s.id and a.username is not null)"
            + " or exists (select 1 from person_account a where a.school_id = s.id and a.device_id is not null)";

    /** Schools with at least one appliance account: for any other, resolving costs no query. */
    private final Set<String> schoolsWithAccounts = ConcurrentHashMap.newKeySet();

    void onStart(@Observes StartupEvent event) {
        reloadSchools();
    }

    /** Reloaded every few seconds so accounts added through another replica are found. */
    @Scheduled(every = "${vigil.intake.directory.schools-reload:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadSchools() {
        List<?> schools = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery(SCHOOLS_WITH_ACCOUNTS).getResultList());
        // Only ever added to: a school whose accounts were all deleted just costs a query until restart.
        schools.forEach(school -> schoolsWithAccounts.add(school.toString()));
    }

    /** The directory feed stored accounts for this school (on this replica). */
    void accountsAdded(String schoolId) {
        schoolsWithAccounts.add(schoolId);
    }

    /** A person an alert is about: their directory id and {@code learner} or {@code staff}. */
    public record ResolvedPerson(String personId, String kind) {
    }

    /** What an appliance reported about whom an alert is about; either may be null. */
    public record Subject(String user, String device) {
    }

    private record Account(String personId, String kind, String applianceId, String username, String deviceId) {
    }

    /** The person one alert of this school and appliance is about, if the directory knows them. */
    public Optional<ResolvedPerson> resolve(String schoolId, String applianceId, String user, String device) {
        return Optional.ofNullable(resolveAll(schoolId, applianceId, List.of(new Subject(user, device)))
                .get(new Subject(user, device)));
    }

    /**
     * Whether {@link #resolveAll} of these subjects knows without a query that it resolves nobody:
     * the school has no directory accounts, or no subject names a user or a device.
     */
    public boolean resolvesNobodyWithoutQuery(String schoolId, Collection<Subject> subjects) {
        return !schoolsWithAccounts.contains(schoolId)
                || subjects.stream().allMatch(s -> isBlank(s.user()) && isBlank(s.device()));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * The persons of many subjects of one school and appliance, with one query. Subjects nobody
     * matches are absent from the answer. Never fails an alert: if the directory cannot be read,
     * nobody is resolved and the alert goes on without a person.
     */
    public Map<Subject, ResolvedPerson> resolveAll(String schoolId, String applianceId, Collection<Subject> subjects) {
        if (resolvesNobodyWithoutQuery(schoolId, subjects)) {
            return Map.of();
        }
        Set<String> users = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        for (Subject subject : subjects) {
            if (subject.user() != null && !subject.user().isBlank()) {
                users.add(subject.user().strip().toLowerCase(Locale.ROOT));
            }
            if (subject.device() != null && !subject.device().isBlank()) {
                devices.add(subject.device().strip());
            }
        }
        List<Account> accounts;
        try {
            accounts = QuarkusTransaction.requiringNew().call(() -> accounts(schoolId, applianceId, users, devices));
        } catch (RuntimeException e) {
            LOG.warnf("Directory not readable, alerts of school %s go on unresolved: %s", schoolId, e.getMessage());
            return Map.of();
        }
        Map<String, List<Account>> byUser = new HashMap<>();
        Map<String, List<Account>> byDevice = new HashMap<>();
        for (Account account : accounts) {
            if (account.username() != null) {
                byUser.computeIfAbsent(account.username(), k -> new ArrayList<>()).add(account);
            }
            if (account.deviceId() != null) {
                byDevice.computeIfAbsent(account.deviceId(), k -> new ArrayList<>()).add(account);
            }
        }
        Map<Subject, ResolvedPerson> resolved = new HashMap<>();
        for (Subject subject : subjects) {
            ResolvedPerson person = best(byUser, subject.user(), u -> u.strip().toLowerCase(Locale.ROOT), applianceId)
                    .or(() -> best(byDevice, subject.device(), String::strip, applianceId))
                    .orElse(null);
            if (person != null) {
                resolved.put(subject, person);
            }
        }
        return resolved;
    }

    private static Optional<ResolvedPerson> best(Map<String, List<Account>> index, String reported,
            Function<String, String> normalise, String applianceId) {
        if (reported == null || reported.isBlank()) {
            return Optional.empty();
        }
        List<Account> candidates = index.getOrDefault(normalise.apply(reported), List.of());
        List<Account> forThisAppliance = candidates.stream().filter(a -> applianceId.equals(a.applianceId())).toList();
        List<Account> best = forThisAppliance.isEmpty() ? candidates : forThisAppliance;
        Set<ResolvedPerson> people = new LinkedHashSet<>();
        best.forEach(a -> people.add(new ResolvedPerson(a.personId(), a.kind())));
        return people.size() == 1 ? Optional.of(people.iterator().next()) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private List<Account> accounts(String schoolId, String applianceId, Set<String> users, Set<String> devices) {
        List<String> matches = new ArrayList<>();
        if (!users.isEmpty()) {
            matches.add("(username is not null and lower(username) in (:users))");
        }
        if (!devices.isEmpty()) {
            matches.add("(device_id is not null and device_id in (:devices))");
        }
        var query = entityManager.createNativeQuery("select person_id, person_kind, appliance_id, lower(username), "
                + "device_id from person_account where school_id = :school "
                + "and (appliance_id is null or appliance_id = :appliance) and (" + String.join(" or ", matches) + ")")
                .setParameter("school", schoolId).setParameter("appliance", applianceId);
        if (!users.isEmpty()) {
            query.setParameter("users", users);
        }
        if (!devices.isEmpty()) {
            query.setParameter("devices", devices);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Account((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4])).toList();
    }
}
