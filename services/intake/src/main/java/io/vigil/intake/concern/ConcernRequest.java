package io.vigil.intake.concern;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A concern as a member of staff (or an app on their behalf) reports it.
 *
 * @param schoolId the school the concern is about; one of the reporter's schools
 * @param learnerId the learner's directory id, when known
 * @param learnerUnknown true when the reporter does not know who the learner is
 * @param concernsStaffMember true when the concern is about a member of staff (it then goes to the
 *     head, not the safeguarding team)
 * @param staffMemberId the staff member's directory id, when known
 * @param category one of Vigil's policy categories, e.g. {@code bullying}
 * @param account what was seen or heard, in the reporter's words
 * @param location where it happened
 * @param occurredAt when it happened
 * @param onBehalfOf for an app: the staff user the app reports for (ignored for staff, who report as themselves)
 */
public record ConcernRequest(
        @NotBlank @Size(max = 64) String schoolId,
        @Size(max = 64) String learnerId,
        Boolean learnerUnknown,
        Boolean concernsStaffMember,
        @Size(max = 64) String staffMemberId,
        @NotBlank @Size(max = 50) String category,
        @NotBlank @Size(max = 10000) String account,
        @Size(max = 500) String location,
        @NotNull Instant occurredAt,
        @Size(max = 200) String onBehalfOf) {

    boolean isLearnerUnknown() {
        return Boolean.TRUE.equals(learnerUnknown);
    }

    boolean isAboutStaffMember() {
        return Boolean.TRUE.equals(concernsStaffMember);
    }
}
