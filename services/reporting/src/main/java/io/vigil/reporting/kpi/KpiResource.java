package io.vigil.reporting.kpi;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.common.text.Strings;
import io.vigil.common.time.CalendarConfig;
import io.vigil.reporting.Period;
import io.vigil.reporting.register.RegisterFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The KPIs of the caller's schools: the school's safeguarding team and head their own school, the trust
 * safeguarding lead every school of the trust, a governor their own school with small counts withheld.
 * Reading them is audited.
 */
@Path("/api/v1/kpis")
@Tag(name = "KPIs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead", KpiResource.GOVERNOR})
public class KpiResource {

    static final String GOVERNOR = "governor";
    /** Below this, a count shown to a governor could point at a child or a colleague: it is withheld. */
    public static final int SMALLEST_COUNT = 5;
    /** The period when none is given: the last 30 days. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    CalendarConfig calendar;

    @Inject
    Kpis kpis;

    @GET
    @Transactional
    @Operation(summary = "KPIs of the caller's schools over a period",
            description = "Time to acknowledge and to close (median and 90th percentile in seconds, with counts) per"
                    + " school, category and severity; false-positive rate (closed as false-positive ÷ closed) per"
                    + " appliance and category; notification failure rate (failed ÷ settled) per school and channel."
                    + " Incidents count in the period they opened in, notifications in the period they were"
                    + " delivered or failed; every incident counts, restricted and silenced ones too. from"
                    + " (inclusive) and to (exclusive) are ISO dates or instants, at most 5 years apart; by default"
                    + " the last 30 days. For a governor, counts from 1 to 4 are null (fewerThanFive) and there are"
                    + " no per-appliance rows.")
    public KpiReport kpis(@QueryParam("schoolId") String schoolId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = Period.parse(from, to, calendar.zone(), errors).orLast(DEFAULT_WINDOW, Instant.now());
        if (errors.isEmpty() && !period.from().isBefore(period.to())) {
            errors.add(new Problem.FieldError(from == null ? "to" : "from", "the period must end after it starts"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid period: " + String.join(", ",
                    errors.stream().map(Problem.FieldError::field).distinct().toList()), errors);
        }
        String school = Strings.blankToNull(schoolId);
        String trustId = tenant.trustId();
        Set<String> schools = tenant.visibleSchools(school);
        boolean governor = identity.hasRole(GOVERNOR) && !identity.hasRole("trust-safeguarding-lead");
        KpiReport report = report(new Kpis.Scope(trustId, schools, period.from(), period.to()), governor);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", period.from().toString());
        details.put("to", period.to().toString());
        audit.record(trustId, school, tenant.actor(), "kpis.read", "kpis", school == null ? "*" : school, "success",
                details);
        return report;
    }

    private KpiReport report(Kpis.Scope scope, boolean governor) {
        List<Kpis.Timings> timings = kpis.timings(scope,
                List.of(Kpis.Grouping.SCHOOL, Kpis.Grouping.CATEGORY, Kpis.Grouping.SEVERITY));
        List<Kpis.Rate> falsePositives = kpis.falsePositives(scope, governor
                ? List.of(Kpis.Grouping.CATEGORY) : List.of(Kpis.Grouping.APPLIANCE, Kpis.Grouping.CATEGORY));
        List<KpiReport.RateFigure> failures = kpis.notificationFailures(scope).stream()
                .map(rate -> rate(rate, rate.key().get("school_id"), rate.key().get("channel"), governor)).toList();
        return new KpiReport(scope.from(), scope.to(), List.copyOf(scope.schoolIds()), governor,
                timings(timings, Kpis.Timings::acknowledge, governor), timings(timings, Kpis.Timings::close, governor),
                new KpiReport.FalsePositives(
                        falsePositives.stream().filter(r -> r.grouping() == Kpis.Grouping.APPLIANCE)
                                .map(r -> rate(r, r.key().get("school_id"), source(r.key().get("source_id")), governor))
                                .toList(),
                        falsePositives.stream().filter(r -> r.grouping() == Kpis.Grouping.CATEGORY)
                                .map(r -> rate(r, null, r.key().get("category"), governor)).toList()),
                failures);
    }

    private static KpiReport.Timings timings(List<Kpis.Timings> rows, Function<Kpis.Timings, Kpis.Timing> milestone,
            boolean governor) {
        return new KpiReport.Timings(timings(rows, Kpis.Grouping.SCHOOL, "school_id", milestone, governor),
                timings(rows, Kpis.Grouping.CATEGORY, "category", milestone, governor),
                timings(rows, Kpis.Grouping.SEVERITY, "severity", milestone, governor));
    }

    private static List<KpiReport.TimingFigure> timings(List<Kpis.Timings> rows, Kpis.Grouping grouping,
            String column, Function<Kpis.Timings, Kpis.Timing> milestone, boolean governor) {
        return rows.stream().filter(row -> row.grouping() == grouping).map(row -> {
            Kpis.Timing timing = milestone.apply(row);
            String key = row.key().get(column);
            if (governor && withheld(timing.count())) {
                return new KpiReport.TimingFigure(key, null, null, null, true);
            }
            return new KpiReport.TimingFigure(key, timing.count(), timing.medianSeconds(), timing.p90Seconds(), false);
        }).toList();
    }

    private static KpiReport.RateFigure rate(Kpis.Rate rate, String schoolId, String key, boolean governor) {
        if (governor && withheld(rate.total())) {
            return new KpiReport.RateFigure(schoolId, key, null, null, null, true);
        }
        if (governor && withheld(rate.matching())) {
            // The total alone names nobody; the part and the ratio (part = ratio × total) would.
            return new KpiReport.RateFigure(schoolId, key, rate.total(), null, null, true);
        }
        return new KpiReport.RateFigure(schoolId, key, rate.total(), rate.matching(), rate.ratio(), false);
    }

    /** A count from 1 to 4; none at all names nobody. */
    static boolean withheld(long count) {
        return count > 0 && count < SMALLEST_COUNT;
    }

    /** An appliance id, or {@code concern} for the incidents no appliance raised. */
    static String source(String sourceId) {
        return sourceId == null ? RegisterFilter.CONCERN : sourceId;
    }
}
