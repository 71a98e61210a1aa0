package io.vigil.notification.digest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.common.time.SchoolCalendar;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.notification.contact.SchoolDirectory;
import io.vigil.notification.incident.StaffAlertPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Daily and weekly digests: a school that chose one has its low-severity incidents gathered, and
 * at the start of the school day (daily) or of the first school day of the week (weekly) its DSL is
 * sent one message listing them, instead of one message each. Each (school, period) is one digest,
 * decided once even with several replicas (a unique key), and each gathered incident is in exactly
 * one digest.
 */
@ApplicationScoped
public class Digests {

    @Inject
    EntityManager entityManager;

    @Inject
    SchoolCalendar calendar;

    @Inject
    StaffAlertPlanner planner;

    @Inject
    Clock clock;

    /** Gathers a low-severity incident for the school's digest; false when the school has none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean gather(IncidentOpened opened) {
        SchoolDirectory school = SchoolDirectory.findById(opened.schoolId());
        if (school == null || !school.trustId.equals(opened.trustId()) || "off".equals(school.digest)) {
            return false;
        }
        entityManager.createNativeQuery("insert into digest_entry (incident_id, trust_id, school_id, category, opened_at) "
                + "values (?1, ?2, ?3, ?4, ?5) on conflict (incident_id) do nothing")
                .setParameter(1, opened.incidentId()).setParameter(2, opened.trustId())
                .setParameter(3, opened.schoolId()).setParameter(4, opened.category())
                .setParameter(5, opened.openedAt()).executeUpdate();
        return true;
    }

    @Scheduled(every = "${vigil.notification.digest.check-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(clock.instant());
    }

    /** Sends every digest due at {@code now}; returns how many were made. */
    public int run(Instant now) {
        if (!calendar.inSchoolHours(now)) {
            return 0;
        }
        LocalDate today = now.atZone(calendar.zone()).toLocalDate();
        int made = 0;
        for (SchoolDirectory school : QuarkusTransaction.requiringNew()
                .call(() -> SchoolDirectory.<SchoolDirectory>list("digest <> 'off'"))) {
            String period = period(school.digest, today);
            if (period == null) {
                continue;
            }
            List<UUID> planned = QuarkusTransaction.requiringNew().call(() -> digest(school.id, period, now));
            // The digest's e-mails are sent as its transaction commits (DeliveryService.sendOnCommit).
            if (planned != null) {
                made++;
            }
        }
        return made;
    }

    /**
     * The period a digest made today covers: the date (daily), or the ISO week on its first school day
     * (weekly); null when a weekly digest is not due today.
     */
    String period(String digest, LocalDate today) {
        if (!calendar.isSchoolDay(today)) {
            return null;
        }
        if ("daily".equals(digest)) {
            return today.toString();
        }
        LocalDate day = today.with(DayOfWeek.MONDAY);
        while (!calendar.isSchoolDay(day) && day.isBefore(today)) {
            day = day.plusDays(1);
        }
        return day.equals(today) ? today.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)) : null;
    }

    /** Makes the school's digest for the period if there is anything to tell and it was not made yet. */
    private List<UUID> digest(String schoolId, String period, Instant now) {
        SchoolDirectory school = SchoolDirectory.findById(schoolId);
        UUID id = UUID.nameUUIDFromBytes(("digest\n" + schoolId + "\n" + period).getBytes(StandardCharsets.UTF_8));
        int claimed = entityManager.createNativeQuery("insert into digest (id, trust_id, school_id, period, created_at) "
                + "select ?1, ?2, ?3, ?4, ?5 where exists (select 1 from digest_entry where school_id = ?3 "
                + "and digest_id is null) on conflict do nothing")
                .setParameter(1, id).setParameter(2, school.trustId).setParameter(3, schoolId).setParameter(4, period)
                .setParameter(5, now).executeUpdate();
        if (claimed == 0) {
            return null;
        }
        entityManager.createNativeQuery("update digest_entry set digest_id = ?1 where school_id = ?2 and digest_id is null")
                .setParameter(1, id).setParameter(2, schoolId).executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> incidents = entityManager.createNativeQuery("select incident_id from digest_entry "
                + "where digest_id = ?1 order by opened_at, incident_id").setParameter(1, id).getResultList();
        return planner.planDigest(id, school, period, new ArrayList<>(incidents), now);
    }
}
