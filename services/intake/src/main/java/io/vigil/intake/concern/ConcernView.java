package io.vigil.intake.concern;

import java.time.Instant;

/** A concern as its reporter reads it back. */
public record ConcernView(String id, String schoolId, String reportedBy, String submittedBy, String learnerId,
        boolean learnerUnknown, boolean concernsStaffMember, String staffMemberId, String category, String account,
        String location, Instant occurredAt, Instant receivedAt) {

    static ConcernView of(Concern c) {
        return new ConcernView(c.id, c.schoolId, c.reportedBy, c.submittedBy, c.learnerId, c.learnerUnknown,
                c.concernsStaffMember, c.staffMemberId, c.category, c.account, c.location, c.occurredAt,
                c.receivedAt);
    }
}
