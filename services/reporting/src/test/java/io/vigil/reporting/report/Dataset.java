package io.vigil.reporting.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.reporting.register.Referral;
import io.vigil.reporting.register.RegisterEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A generated register: random incidents of a random trust over two academic years (2023-24 and 2024-25), with
 * random categories, severities, states, outcomes, referrals, parent-contact decisions, response times, silences,
 * concerns about staff and silent appliances. Times are multiples of ten minutes (six for silent time), so a
 * figure never sits exactly on a rounding boundary. The test works out what the report must say from these rows.
 */
final class Dataset {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    static final List<String> OUTCOMES = List.of("referred", "handled-in-school", "advice-given", "no-further-action",
            "false-positive", "not-recorded");
    /** Includes "mash", an agency outside the report's fixed list, which must still be shown. */
    static final List<String> AGENCIES = List.of("children-social-care", "police", "lado", "ceop", "iwf", "prevent",
            "report-harmful-content", "mash");
    static final List<String> REASONS = List.of("risk-to-child", "police-advice", "other");

    /** An incident row as the test knows it. */
    record Incident(String id, String school, String category, String severity, String status, boolean silenced,
            boolean restricted, String personId, String sourceId, Instant firstSeenAt, Instant openedAt,
            Instant acknowledgedAt, Instant closedAt, String outcome, String parentContact, String reason,
            Instant sourceResumedAt, List<String> referrals) {

        List<String> fourCs() {
            return PolicyCategory.fromSlug(category).fourCs().stream().map(FourCs::wireName).toList();
        }

        boolean visibleTo(Collection<String> roles) {
            return !restricted || roles.contains("head");
        }
    }

    final long seed;
    final String trustId = "trust-" + UUID.randomUUID();
    /** Two busy schools and a quiet one (a handful of incidents: its times are withheld). */
    final List<String> schools = List.of("school-" + UUID.randomUUID().toString().substring(0, 8),
            "school-" + UUID.randomUUID().toString().substring(0, 8),
            "quiet-" + UUID.randomUUID().toString().substring(0, 8));
    final List<Incident> incidents = new ArrayList<>();

    private Dataset(long seed) {
        this.seed = seed;
    }

    /**
     * A register of the first school alone: for each severity, so many incidents opened in the year 2024-25,
     * none a concern about staff, otherwise random.
     */
    static Dataset withSeverities(long seed, Map<String, Integer> severities) {
        Dataset data = new Dataset(seed);
        Random random = new Random(seed);
        Instant opened = LocalDate.of(2024, 10, 1).atStartOfDay(LONDON).toInstant();
        for (Map.Entry<String, Integer> severity : severities.entrySet()) {
            for (int n = 0; n < severity.getValue(); n++) {
                Incident i = data.incident(random, data.schools.get(0), opened);
                data.incidents.add(new Incident(i.id(), i.school(), i.category(), severity.getKey(), i.status(),
                        i.silenced(), false, i.personId(), i.sourceId(), i.firstSeenAt(), i.openedAt(),
                        i.acknowledgedAt(), i.closedAt(), i.outcome(), i.parentContact(), i.reason(),
                        i.sourceResumedAt(), i.referrals()));
                opened = opened.plus(Duration.ofHours(7));
            }
        }
        return data;
    }

    Dataset(long seed, int busyIncidents) {
        this(seed);
        Random random = new Random(seed);
        Instant start = LocalDate.of(2023, 9, 1).atStartOfDay(LONDON).toInstant();
        Instant end = LocalDate.of(2025, 9, 1).atStartOfDay(LONDON).toInstant();
        long slots = Duration.between(start, end).toMinutes() / 10;
        for (int i = 0; i < busyIncidents; i++) {
            Instant opened = start.plus(Duration.ofMinutes(10 * (long) random.nextInt((int) slots)));
            incidents.add(incident(random, schools.get(i % 2), opened));
        }
        // The edges of the year 2024-25: its first instant is in it, its end is not.
        Instant yearStart = LocalDate.of(2024, 9, 1).atStartOfDay(LONDON).toInstant();
        incidents.add(incident(random, schools.get(0), yearStart));
        incidents.add(incident(random, schools.get(0), end));
        incidents.add(incident(random, schools.get(1), yearStart.minusSeconds(600)));
        // The quiet school: three in spring 2025, one the year before.
        for (int i = 0; i < 3; i++) {
            Instant opened = LocalDate.of(2025, 2, 3 + i).atStartOfDay(LONDON).toInstant().plusSeconds(36_000);
            incidents.add(closedIncident(random, schools.get(2), opened));
        }
        // Never restricted (a concern about staff), which a governor would not count: the trend has one to show.
        incidents.add(closedIncident(random, schools.get(2),
                LocalDate.of(2024, 3, 4).atStartOfDay(LONDON).toInstant()));
    }

    private Incident incident(Random random, String school, Instant opened) {
        PolicyCategory[] categories = PolicyCategory.values();
        String category = categories[random.nextInt(categories.length)].slug();
        String severity = SEVERITIES.get(random.nextInt(SEVERITIES.size()));
        int state = random.nextInt(10);
        String status = state < 3 ? "open" : state < 6 ? "acknowledged" : "closed";
        Instant acknowledged = "open".equals(status) ? null : opened.plus(Duration.ofMinutes(10L * (1 + random.nextInt(300))));
        Instant closed = "closed".equals(status) ? acknowledged.plus(Duration.ofMinutes(10L * random.nextInt(2000))) : null;
        String outcome = closed == null ? null : OUTCOMES.get(random.nextInt(OUTCOMES.size()));
        int contact = random.nextInt(3);
        String parentContact = contact == 0 ? "undecided" : contact == 1 ? "approved" : "withheld";
        String reason = "withheld".equals(parentContact) && random.nextInt(5) > 0
                ? REASONS.get(random.nextInt(REASONS.size())) : null;
        Instant firstSeen = opened;
        Instant resumed = null;
        if ("monitoring-failure".equals(category)) {
            firstSeen = opened.minus(Duration.ofMinutes(6L * random.nextInt(100)));
            resumed = random.nextInt(5) == 0 ? null : opened.plus(Duration.ofMinutes(6L * random.nextInt(2000)));
        }
        List<String> referrals = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            for (int r = 0; r <= random.nextInt(2); r++) {
                referrals.add(AGENCIES.get(random.nextInt(AGENCIES.size())));
            }
        }
        return new Incident(UUID.randomUUID().toString(), school, category, severity, status, random.nextInt(10) == 0,
                random.nextInt(20) == 0, "pupil-" + UUID.randomUUID(), "appliance-" + UUID.randomUUID(), firstSeen,
                opened, acknowledged, closed, outcome, parentContact, reason, resumed, referrals);
    }

    private Incident closedIncident(Random random, String school, Instant opened) {
        Incident incident = incident(random, school, opened);
        Instant acknowledged = opened.plus(Duration.ofMinutes(30));
        return new Incident(incident.id(), school, "bullying", incident.severity(), "closed", false, false,
                incident.personId(), incident.sourceId(), opened, opened, acknowledged,
                acknowledged.plus(Duration.ofHours(2)), "handled-in-school", incident.parentContact(),
                incident.reason(), null, List.of("police"));
    }

    /** Writes the rows straight into the register (the projection from events is RegisterTest's subject). */
    void insert() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Incident incident : incidents) {
                RegisterEntry entry = new RegisterEntry();
                entry.incidentId = incident.id();
                entry.trustId = trustId;
                entry.schoolId = incident.school();
                entry.category = incident.category();
                entry.fourCs = String.join(",", incident.fourCs());
                entry.severity = incident.severity();
                entry.status = incident.status();
                entry.routedTo = incident.restricted() ? "head" : "dsl";
                entry.routedRoles = incident.restricted() ? "head" : "dsl,deputy-dsl";
                entry.restricted = incident.restricted();
                entry.silenced = incident.silenced();
                entry.sourceId = incident.sourceId();
                entry.personId = incident.personId();
                entry.alertCount = 1;
                entry.firstSeenAt = incident.firstSeenAt();
                entry.lastSeenAt = incident.openedAt();
                entry.openedAt = incident.openedAt();
                entry.updatedAt = incident.openedAt();
                entry.acknowledgedAt = incident.acknowledgedAt();
                entry.closedAt = incident.closedAt();
                entry.outcome = incident.outcome();
                entry.parentContact = incident.parentContact();
                entry.parentContactReason = incident.reason();
                entry.sourceResumedAt = incident.sourceResumedAt();
                entry.persist();
                int n = 0;
                for (String agency : incident.referrals()) {
                    Referral referral = new Referral();
                    referral.eventId = incident.id() + "-" + n++;
                    referral.incidentId = incident.id();
                    referral.agency = agency;
                    referral.referredAt = incident.openedAt().plusSeconds(3600);
                    referral.persist();
                }
            }
        });
    }

    /** The rows of these schools opened in [from, to) that callers with these roles may count. */
    List<Incident> opened(Collection<String> schoolIds, LocalDate from, LocalDate to, Collection<String> roles) {
        Instant since = from.atStartOfDay(LONDON).toInstant();
        Instant until = to.atStartOfDay(LONDON).toInstant();
        return incidents.stream().filter(i -> schoolIds.contains(i.school()) && !i.openedAt().isBefore(since)
                && i.openedAt().isBefore(until) && i.visibleTo(roles)).collect(Collectors.toList());
    }
}
