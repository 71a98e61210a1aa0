package io.vigil.contracts.source;

import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;

/**
 * A filtering or monitoring appliance sent nothing for longer than its expected heartbeat during
 * school hours. A filter that stops reporting is itself a safeguarding risk.
 *
 * @param applianceId the silent appliance
 * @param trustId the trust of the school
 * @param schoolId the school the appliance belongs to
 * @param vendor the appliance vendor
 * @param sourceKind filtering or monitoring
 * @param applianceName how the school calls the appliance
 * @param lastSeenAt when it was last heard from; absent if never
 * @param expectedHeartbeatSeconds how long it may stay silent in school hours
 * @param silentSince when intake found it silent
 */
public record SourceSilent(
        String applianceId,
        String trustId,
        String schoolId,
        String vendor,
        SourceKind sourceKind,
        String applianceName,
        @OptionalField Instant lastSeenAt,
        int expectedHeartbeatSeconds,
        Instant silentSince) {
}
