package io.vigil.contracts.concern;

import io.vigil.contracts.envelope.OptionalField;
import io.vigil.contracts.taxonomy.PolicyCategory;
import java.time.Instant;

/**
 * A member of staff reported a safeguarding concern (directly, or through another app on their
 * behalf). Published only on {@code vigil.alerts.v1}, which only triage reads, because the case
 * needs what was seen or heard; no other event or message ever carries that account.
 *
 * @param concernId Vigil's id for the concern
 * @param trustId the trust of the school
 * @param schoolId the school the concern is about
 * @param reportedBy the staff user who raised it (their login name)
 * @param submittedBy the app client that submitted it on the staff user's behalf, if any
 * @param learnerId the learner's directory id, if known
 * @param learnerUnknown true when the staff member does not know who the learner is
 * @param concernsStaffMember true when the concern is about a member of staff (the head's path)
 * @param staffMemberId the staff member's directory id, when the concern is about one and it is known
 * @param category the policy category the reporter chose
 * @param account what was seen or heard, in the reporter's words
 * @param location where it happened, if given
 * @param occurredAt when it happened (as the reporter states it)
 * @param receivedAt when intake accepted it
 */
public record ConcernReported(
        String concernId,
        String trustId,
        String schoolId,
        String reportedBy,
        @OptionalField String submittedBy,
        @OptionalField String learnerId,
        boolean learnerUnknown,
        boolean concernsStaffMember,
        @OptionalField String staffMemberId,
        PolicyCategory category,
        String account,
        @OptionalField String location,
        Instant occurredAt,
        Instant receivedAt) {
}
