package io.vigil.contracts.directory;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * The current record of a member of staff from the directory feed: who they are to notification,
 * and the accounts through which an alert about their own use can be resolved to them.
 *
 * @param personId the staff member's id, unique across the directory (the topic key)
 * @param trustId the trust of the school
 * @param schoolId the school they work at
 * @param displayName their name as colleagues know it
 * @param email their work e-mail address
 * @param mobile their mobile number, if notification may use it
 * @param safeguardingRole their part in safeguarding, {@code none} for most staff
 * @param accounts the user names and devices they have on the school's appliances
 * @param updatedAt when intake recorded this version
 */
public record StaffMemberUpdated(
        String personId,
        String trustId,
        String schoolId,
        String displayName,
        String email,
        @OptionalField String mobile,
        SafeguardingRole safeguardingRole,
        List<DirectoryAccount> accounts,
        Instant updatedAt) {
}
