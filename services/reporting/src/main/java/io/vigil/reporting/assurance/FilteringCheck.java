package io.vigil.reporting.assurance;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** A check that filtering or monitoring works, as done and recorded; never changed afterwards. */
@Entity
@Immutable
@Table(name = "filtering_check")
public class FilteringCheck extends RecordedEntry {

    /** The ways a school checks its filtering and monitoring. */
    public static final List<String> METHODS = List.of("swgfl-test-filtering", "manual-category-test",
            "monitoring-test-alert", "filtering-log-review");
    public static final List<String> RESULTS = List.of("pass", "fail", "partial");

    @Column(name = "checked_on", nullable = false)
    public LocalDate checkedOn;

    @Column(nullable = false)
    public String method;

    /** Where or on what the check ran (e.g. ICT suite pupil laptops); null when not said. */
    public String scope;

    /** Who did it: a member of staff or the IT provider, by name or role. */
    @Column(name = "performed_by", nullable = false)
    public String performedBy;

    @Column(nullable = false)
    public String result;

    /** What was done about a failure; required unless the check passed. */
    @Column(name = "action_taken")
    public String actionTaken;

    static List<FilteringCheck> list(String trustId, String schoolId, int pageIndex, int pageSize) {
        return find("trustId = ?1 and schoolId = ?2", Sort.descending("checkedOn", "recordedAt").and("id"), trustId,
                schoolId).page(Page.of(pageIndex, pageSize)).list();
    }
}
