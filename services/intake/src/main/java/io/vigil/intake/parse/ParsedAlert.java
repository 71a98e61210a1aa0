package io.vigil.intake.parse;

import java.time.Instant;

/**
 * One alert read from an appliance's log line or a report export, in the shape of the webhook alert.
 *
 * @param sourceEventId the appliance's id for the event, or a digest of the line when the appliance has none;
 *     with the appliance, this is what makes a repeated delivery harmless
 * @param occurredAt when the appliance saw it
 * @param category the vendor's category name (never blank)
 * @param action {@code blocked} or {@code flagged}
 * @param user the user name the appliance saw, or {@code null}
 * @param device the device name or source address, or {@code null}
 * @param url the full requested URL or host as logged, or {@code null}; the caller keeps only its host
 * @param vendorSeverity the vendor's level mapped to 1 (lowest) to 5, or {@code null}
 */
public record ParsedAlert(
        String sourceEventId,
        Instant occurredAt,
        String category,
        String action,
        String user,
        String device,
        String url,
        Integer vendorSeverity) {

    /** The action of a request the appliance stopped. */
    public static final String BLOCKED = "blocked";
    /** The action of a request the appliance let through but marked for a look. */
    public static final String FLAGGED = "flagged";
}
