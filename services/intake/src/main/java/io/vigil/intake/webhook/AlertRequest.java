package io.vigil.intake.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One alert as a filtering or monitoring appliance posts it to the JSON webhook.
 *
 * @param eventId the appliance's own id for the event (with the appliance, the idempotency key)
 * @param schoolId optional; when given it must be the appliance's school
 * @param occurredAt when the appliance saw it (ISO-8601)
 * @param category the vendor's category name
 * @param action {@code blocked} or {@code flagged}
 * @param user the user name the appliance saw, if any
 * @param device the device name or source address, if any
 * @param url the requested URL, if any; only its host is kept
 * @param vendorSeverity the vendor's level, 1 (lowest) to 5
 * @param captureAvailable for a monitoring alert: whether the vendor holds a screen capture
 * @param captureRef for a monitoring alert: where the vendor keeps the capture. The capture itself is
 *     never accepted: any other field of the body (an image, the typed text) is ignored and never stored
 */
public record AlertRequest(
        @NotBlank @Size(max = 200) String eventId,
        @Size(max = 64) String schoolId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 200) String category,
        @NotBlank @Pattern(regexp = "blocked|flagged", message = "must be 'blocked' or 'flagged'") String action,
        @Size(max = 200) String user,
        @Size(max = 200) String device,
        @Size(max = 4096) String url,
        @Min(1) @Max(5) Integer vendorSeverity,
        Boolean captureAvailable,
        @Size(max = 2048) String captureRef) {

    /** The alert a parser read from a log line or a report row. */
    public static AlertRequest of(io.vigil.intake.parse.ParsedAlert parsed) {
        return new AlertRequest(parsed.sourceEventId(), null, parsed.occurredAt(), parsed.category(), parsed.action(),
                parsed.user(), parsed.device(), parsed.url(), parsed.vendorSeverity());
    }

    /** An alert without a monitoring capture. */
    public AlertRequest(String eventId, String schoolId, Instant occurredAt, String category, String action,
            String user, String device, String url, Integer vendorSeverity) {
        this(eventId, schoolId, occurredAt, category, action, user, device, url, vendorSeverity, null, null);
    }
}
