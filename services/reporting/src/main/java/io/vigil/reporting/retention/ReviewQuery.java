package io.vigil.reporting.retention;

import io.vigil.reporting.register.RegisterEntry;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The review list's page in SQL: the register rows of a trust's schools that {@link Retention} lists on a
 * day ({@link Retention#listedOn}: past their retention date, or whose learner's date of birth is unknown), in its order (retention
 * date, oldest first, undated last, then incident id), {@code limit} and {@code offset} applied by
 * PostgreSQL, so a page reads its own rows and not every record of the schools. The dates are worked
 * out as {@link Retention#of} works them out, 29 February included; a test holds the two to the same
 * answers.
 */
final class ReviewQuery {

    private ReviewQuery() {
    }

    /**
     * The incident ids of one page, with its parameters put into {@code parameters} ({@code trustId},
     * {@code schoolIds}, {@code asOf}, {@code zone}, {@code size}, {@code offset} and the roles').
     */
    static String pageOfIncidentIds(Collection<String> roles, Map<String, Object> parameters, String trustId,
            Set<String> schoolIds, LocalDate asOf, ZoneId zone, int page, int size) {
        parameters.put("trustId", trustId);
        parameters.put("schoolIds", schoolIds);
        parameters.put("asOf", asOf);
        parameters.put("zone", zone.getId());
        // Supersets of the exact rules below, for the indexes on the date of birth and the period.
        parameters.put("bornBy", asOf.minusYears(Retention.LEARNER_YEARS));
        parameters.put("closedBefore", asOf.minusYears(Retention.ALLEGATION_YEARS).plusDays(1).atStartOfDay(zone)
                .toInstant());
        parameters.put("size", size);
        parameters.put("offset", (long) page * size);
        String learner = "p.kind = 'learner' and p.date_of_birth is not null";
        return "select r.incident_id from (select e.incident_id, case"
                + " when e.restricted then " + fullYearsAfter("cast(e.closed_at at time zone :zone as date)",
                        Retention.ALLEGATION_YEARS)
                + " when " + learner + " then " + fullYearsAfter("p.date_of_birth", Retention.LEARNER_YEARS)
                + " end as retain_until,"
                + " (not e.restricted and not coalesce(" + learner + ", false)) as date_of_birth_unknown"
                + " from incident_register e left join directory_person p"
                + " on p.person_id = e.person_id and p.trust_id = e.trust_id"
                + " where e.trust_id = :trustId and e.school_id in (:schoolIds)"
                + " and " + RegisterEntry.visibleToSql("e", roles, parameters)
                + " and ((e.restricted = false and (p.person_id is null or p.kind <> 'learner'"
                + " or p.date_of_birth is null or p.date_of_birth <= :bornBy))"
                + " or (e.restricted = true and e.closed_at < :closedBefore))) r"
                + " where r.date_of_birth_unknown or r.retain_until < :asOf"
                + " order by r.retain_until nulls last, r.incident_id collate \"C\" limit :size offset :offset";
    }

    /**
     * {@link Retention#fullYearsAfter} in SQL: PostgreSQL, like {@link LocalDate#plusYears}, turns 29 February
     * into 28 February in a year that is not a leap year, a day short of the full years.
     */
    private static String fullYearsAfter(String date, int years) {
        String after = "cast(" + date + " + interval '" + years + " years' as date)";
        return "(" + after + " + case when extract(month from " + date + ") = 2 and extract(day from " + date
                + ") = 29 and extract(day from " + after + ") = 28 then 1 else 0 end)";
    }
}
