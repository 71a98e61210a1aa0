package io.vigil.contracts.directory;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The current record of a learner from the directory feed. It carries no name: a child's data is
 * minimised to ids, year group, date of birth and the vulnerability flags that shape severity.
 *
 * @param personId the learner's id, unique across the directory (the topic key)
 * @param trustId the trust of the school
 * @param schoolId the school the learner is on roll at
 * @param yearGroup one of {@link #YEAR_GROUPS}: nursery {@code N1}, {@code N2}, reception {@code R}, {@code Y1} to {@code Y13}
 * @param dateOfBirth the learner's date of birth
 * @param send whether the learner has special educational needs and disabilities
 * @param lookedAfter whether the learner is a child looked after (in care)
 * @param childProtectionPlan whether the learner is on a child protection plan
 * @param eal whether English is an additional language for the learner
 * @param homeLanguage the language spoken at home, if known
 * @param guardianIds the learner's guardians in the directory
 * @param accounts the user names and devices the learner has on the school's appliances
 * @param updatedAt when intake recorded this version
 */
public record LearnerUpdated(
        String personId,
        String trustId,
        String schoolId,
        String yearGroup,
        LocalDate dateOfBirth,
        boolean send,
        boolean lookedAfter,
        boolean childProtectionPlan,
        boolean eal,
        @OptionalField String homeLanguage,
        List<String> guardianIds,
        List<DirectoryAccount> accounts,
        Instant updatedAt) {

    /** The year groups of English schools, from nursery to sixth form. */
    public static final List<String> YEAR_GROUPS = List.of("N1", "N2", "R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6",
            "Y7", "Y8", "Y9", "Y10", "Y11", "Y12", "Y13");
}
