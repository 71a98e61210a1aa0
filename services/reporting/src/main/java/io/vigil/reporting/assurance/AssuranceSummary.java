package io.vigil.reporting.assurance;

import java.time.LocalDate;

/**
 * What the filtering assurance register shows for some schools over a period, for governors: no
 * names, only counts and dates.
 *
 * @param changesRequested filtering changes asked for in the period
 * @param changesApproved filtering changes approved in the period (whether or not applied yet)
 * @param changesRejected filtering changes turned down in the period
 * @param checksDone checks of filtering or monitoring done in the period
 * @param checksFailed of those, the ones that failed outright ({@code partial} results are not counted)
 * @param lastAnnualReview the latest annual review sign-off before the period's end; over several schools,
 *     the oldest of the schools' latest ones, and null when any school has none
 * @param annualReviewOverdue whether any of the schools had, at the period's end, no sign-off within the
 *     last 12 months, or its latest sign-off's next review due date had passed
 */
public record AssuranceSummary(int changesRequested, int changesApproved, int changesRejected, int checksDone,
        int checksFailed, LocalDate lastAnnualReview, boolean annualReviewOverdue) {
}
