package io.vigil.reporting.report;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;

/**
 * A governor or trust report: aggregates only, never a learner, an incident id or a member of staff.
 *
 * @param title the heading
 * @param trustId the trust
 * @param schoolId the school of a school report; null for the trust-wide report
 * @param schoolIds the schools it covers
 * @param period the period it covers
 * @param previousPeriod the period its trend compares with
 * @param generatedAt when it was made
 * @param notes how to read it, in plain words
 * @param tables its figures
 * @param assurance the "Filtering and monitoring assurance" section's table, from the filtering assurance
 *     register
 */
@TemplateData
public record Report(String title, String trustId, String schoolId, List<String> schoolIds, ReportPeriod period,
        ReportPeriod previousPeriod, Instant generatedAt, List<String> notes, List<ReportTable> tables,
        ReportTable assurance) {

    /** Heading of the section that reports filtering and monitoring checks and changes. */
    public static final String ASSURANCE_TITLE = "Filtering and monitoring assurance";

    public Report {
        schoolIds = List.copyOf(schoolIds);
        notes = List.copyOf(notes);
        tables = List.copyOf(tables);
    }

    /** The table with this key; fails if there is none. */
    public ReportTable table(String key) {
        return tables.stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + key));
    }
}
