package io.vigil.contracts.directory;

import java.time.Instant;

/**
 * A person was deleted from the directory. Published as the last value of the person's key, so a
 * consumer reading the compacted topic learns that the person is gone (and removes what it holds).
 *
 * @param personId the removed person's id (the topic key)
 * @param kind whether it was a learner, guardian or member of staff
 * @param schoolId the school the person belonged to
 * @param trustId the trust of the school
 * @param removedAt when intake removed the person
 */
public record PersonRemoved(
        String personId,
        PersonKind kind,
        String schoolId,
        String trustId,
        Instant removedAt) {
}
