package io.vigil.contracts.source;

import java.time.Instant;

/**
 * An appliance that had been reported silent is heard from again.
 *
 * @param applianceId the appliance
 * @param trustId the trust of the school
 * @param schoolId the school the appliance belongs to
 * @param silentSince when it had been found silent
 * @param resumedAt when it was heard from again
 */
public record SourceResumed(
        String applianceId,
        String trustId,
        String schoolId,
        Instant silentSince,
        Instant resumedAt) {
}
