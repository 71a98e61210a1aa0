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
        @Min(1) @Max(5) Integer vendorSeverity) {
}
