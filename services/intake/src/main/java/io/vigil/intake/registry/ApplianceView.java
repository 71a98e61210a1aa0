package io.vigil.intake.registry;

import io.vigil.intake.appliance.Appliance;
import java.time.Instant;

/** An appliance as the registry lists it: never its key, only the key's prefix. */
public record ApplianceView(String id, String schoolId, String vendor, String kind, String name,
        int expectedHeartbeatMinutes, String keyPrefix, Instant keyIssuedAt, Instant lastSeenAt, Instant revokedAt,
        String status, boolean signsRequests) {

    static ApplianceView of(Appliance appliance) {
        return new ApplianceView(appliance.id, appliance.schoolId, appliance.vendor, appliance.kind, appliance.name,
                appliance.expectedHeartbeatSeconds / 60, appliance.keyPrefix, appliance.keyIssuedAt,
                appliance.lastSeenAt, appliance.revokedAt, appliance.revokedAt == null ? "active" : "revoked",
                appliance.signingSecret != null);
    }
}
