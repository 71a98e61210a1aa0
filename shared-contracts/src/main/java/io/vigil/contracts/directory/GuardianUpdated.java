package io.vigil.contracts.directory;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * The current record of a parent or carer from the directory feed: whom notification may contact
 * about a learner, and how. A guardian flagged {@code doNotContact} must never be contacted.
 *
 * @param personId the guardian's id, unique across the directory (the topic key)
 * @param trustId the trust of the school
 * @param schoolId the school whose learners the guardian is linked to
 * @param learnerIds the learners this guardian is recorded against
 * @param displayName how to address the guardian, if known
 * @param email e-mail address, if any (a guardian has an e-mail address, a mobile number or both)
 * @param mobile mobile number, if any
 * @param preferredLanguage the language to write in, if known
 * @param parentalResponsibility whether the guardian holds parental responsibility
 * @param doNotContact whether the school must not contact this guardian (court order, risk)
 * @param doNotContactReason why not, present exactly when {@code doNotContact} is true
 * @param updatedAt when intake recorded this version
 */
public record GuardianUpdated(
        String personId,
        String trustId,
        String schoolId,
        List<String> learnerIds,
        @OptionalField String displayName,
        @OptionalField String email,
        @OptionalField String mobile,
        @OptionalField String preferredLanguage,
        boolean parentalResponsibility,
        boolean doNotContact,
        @OptionalField String doNotContactReason,
        Instant updatedAt) {
}
