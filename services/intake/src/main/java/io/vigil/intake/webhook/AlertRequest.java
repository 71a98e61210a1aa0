package io.vigil.intake.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        @NotBlank @Size(max = 200) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String eventId,
        @Size(max = 64) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String schoolId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 200) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String category,
        @NotBlank @Pattern(regexp = "blocked|flagged", message = "must be 'blocked' or 'flagged'") String action,
        @Size(max = 200) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String user,
        @Size(max = 200) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String device,
        @Size(max = 4096) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String url,
        @Min(1) @Max(5) Integer vendorSeverity,
        Boolean captureAvailable,
        @Size(max = 2048) @Pattern(regexp = STORABLE, message = NOT_STORABLE) String captureRef) {

    /**
     * Text without U+0000, which no PostgreSQL text column stores: refused here, at the edge, with the field
     * named, rather than accepted and then dead-lettered by the service that stores it.
     */
    static final String STORABLE = "[^\\x00]*";
    static final String NOT_STORABLE = "must not contain U+0000";

    /** The alert a parser read from a log line or a report row. */
    public static AlertRequest of(io.vigil.intake.parse.ParsedAlert parsed) {
        return new AlertRequest(parsed.sourceEventId(), null, parsed.occurredAt(), parsed.category(), parsed.action(),
                parsed.user(), parsed.device(), parsed.url(), parsed.vendorSeverity());
    }

    /**
     * The same checks as the Bean Validation constraints above, written out for the parsed paths
     * (syslog, report uploads), where reflection per line would cost more than the parsing; empty
     * when the alert is valid. {@code AlertRequestTest} keeps the two in step.
     */
    public List<String> violations() {
        List<String> problems = new ArrayList<>(0);
        text(problems, "eventId", eventId, 200, true);
        text(problems, "schoolId", schoolId, 64, false);
        if (occurredAt == null) {
            problems.add("occurredAt must not be null");
        }
        text(problems, "category", category, 200, true);
        if (action == null || !(action.equals("blocked") || action.equals("flagged"))) {
            problems.add("action must be 'blocked' or 'flagged'");
        }
        text(problems, "user", user, 200, false);
        text(problems, "device", device, 200, false);
        text(problems, "url", url, 4096, false);
        if (vendorSeverity != null && (vendorSeverity < 1 || vendorSeverity > 5)) {
            problems.add("vendorSeverity must be between 1 and 5");
        }
        text(problems, "captureRef", captureRef, 2048, false);
        return problems;
    }

    private static void text(List<String> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + " must not be blank");
            }
        } else {
            if (value.length() > max) {
                problems.add(field + " size must be between 0 and " + max);
            }
            if (value.indexOf('\u0000') >= 0) {
                problems.add(field + " " + NOT_STORABLE);
            }
        }
    }

    /** An alert without a monitoring capture. */
    public AlertRequest(String eventId, String schoolId, Instant occurredAt, String category, String action,
            String user, String device, String url, Integer vendorSeverity) {
        this(eventId, schoolId, occurredAt, category, action, user, device, url, vendorSeverity, null, null);
    }
}
