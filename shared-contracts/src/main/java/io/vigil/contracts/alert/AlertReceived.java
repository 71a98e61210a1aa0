package io.vigil.contracts.alert;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;

/**
 * An alert intake accepted from a filtering or monitoring source. Personal data is minimised: the
 * user and device are the identifiers the appliance reported, and only the host of a URL is kept
 * (never its path or query string).
 *
 * @param alertId Vigil's id, derived from (appliance, source event id) so a redelivery has the same id
 * @param trustId the trust of the school
 * @param schoolId the school the appliance belongs to
 * @param applianceId the registered appliance that sent it
 * @param sourceEventId the appliance's own event id (the idempotency key with {@code applianceId})
 * @param sourceKind filtering or monitoring
 * @param vendor the appliance vendor, e.g. {@code fortigate}
 * @param vendorCategory the category as the vendor names it
 * @param action what the appliance did: {@code blocked} or {@code flagged}
 * @param userRef the user name the appliance reported, if any
 * @param deviceRef the device or source address the appliance reported, if any
 * @param urlHost the host of the requested URL, if any
 * @param vendorSeverity the vendor's own severity level (1 lowest to 5 highest), if any
 * @param occurredAt when the appliance saw it
 * @param receivedAt when intake accepted it
 * @param captureAvailable for a monitoring alert: whether the vendor holds a screen capture (the
 *     capture itself never enters Vigil)
 * @param captureRef for a monitoring alert: where the vendor keeps the capture (its console reference)
 * @param personId the directory person the user name or device resolved to, if any
 * @param personKind {@code learner} or {@code staff}, present with {@code personId}
 */
public record AlertReceived(
        String alertId,
        String trustId,
        String schoolId,
        String applianceId,
        String sourceEventId,
        SourceKind sourceKind,
        String vendor,
        String vendorCategory,
        String action,
        @OptionalField String userRef,
        @OptionalField String deviceRef,
        @OptionalField String urlHost,
        @OptionalField Integer vendorSeverity,
        Instant occurredAt,
        Instant receivedAt,
        @OptionalField Boolean captureAvailable,
        @OptionalField String captureRef,
        @OptionalField String personId,
        @OptionalField String personKind) {

    /** An alert without a monitoring capture, not resolved to a person of the directory. */
    public AlertReceived(String alertId, String trustId, String schoolId, String applianceId, String sourceEventId,
            SourceKind sourceKind, String vendor, String vendorCategory, String action, String userRef,
            String deviceRef, String urlHost, Integer vendorSeverity, Instant occurredAt, Instant receivedAt) {
        this(alertId, trustId, schoolId, applianceId, sourceEventId, sourceKind, vendor, vendorCategory, action,
                userRef, deviceRef, urlHost, vendorSeverity, occurredAt, receivedAt, null, null, null, null);
    }

    /** This alert, resolved to a person of the directory. */
    public AlertReceived withPerson(String resolvedPersonId, String resolvedPersonKind) {
        return new AlertReceived(alertId, trustId, schoolId, applianceId, sourceEventId, sourceKind, vendor,
                vendorCategory, action, userRef, deviceRef, urlHost, vendorSeverity, occurredAt, receivedAt,
                captureAvailable, captureRef, resolvedPersonId, resolvedPersonKind);
    }
}
