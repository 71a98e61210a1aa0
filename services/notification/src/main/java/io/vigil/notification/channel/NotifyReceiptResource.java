package io.vigil.notification.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.notification.delivery.DeliveryReceipts;
import io.vigil.notification.delivery.DeliveryReceipts.Report;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GOV.UK Notify's delivery receipts ("callbacks"): Notify posts one for each text message or e-mail
 * it sent for Vigil, with the bearer token set in the Notify service's settings. The message is found
 * by Vigil's notification id, which Notify returns as {@code reference}, and must carry the id Notify
 * gave it when it accepted the message.
 */
@Path("/api/v1/notify/delivery-receipts")
@Tag(name = "GOV.UK Notify delivery receipts")
@PermitAll
public class NotifyReceiptResource {

    /** A receipt as Notify sends it; fields Vigil does not use (the recipient among them) are ignored. */
    public record NotifyReceipt(String id, String reference, String status,
            @JsonProperty("notification_type") String notificationType) {
    }

    @Inject
    NotifyConfig config;

    @Inject
    DeliveryReceipts receipts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record what became of a message Notify accepted: delivered, bounced or failed at Notify")
    public Response receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NotifyReceipt receipt) {
        authenticate(authorization);
        if (receipt == null) {
            throw invalid("body", "a Notify delivery receipt is required");
        }
        UUID notificationId = uuid(receipt.reference(), "reference");
        uuid(receipt.id(), "id");
        Report report = report(receipt.status());
        if (report == null) {
            // created, sending, pending, sent (abroad): Notify has not finished with it; nothing to record.
            return Response.noContent().build();
        }
        return switch (receipts.record(notificationId, receipt.id(), report, reason(receipt.status()))) {
            case RECORDED -> Response.noContent().build();
            case UNKNOWN -> throw ProblemException.notFound("No message of Vigil's has reference " + receipt.reference()
                    + " and Notify id " + receipt.id());
            case NOT_YET_SENT -> throw ProblemException.conflict("The message " + receipt.reference()
                    + " is still being sent; send the receipt again later");
        };
    }

    private void authenticate(String authorization) {
        String token = config.callbackToken().map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        String given = authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? null
                : authorization.substring(7).strip();
        if (token == null || given == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.unauthorized("A Notify delivery receipt needs the configured bearer token");
        }
    }

    /** Notify's statuses that end a message's journey; null for those on the way. */
    static Report report(String status) {
        if (status == null) {
            throw invalid("status", "required");
        }
        return switch (status) {
            case "delivered" -> Report.DELIVERED;
            case "permanent-failure", "temporary-failure" -> Report.BOUNCED;
            case "technical-failure" -> Report.FAILED;
            case "created", "sending", "pending", "sent" -> null;
            default -> throw invalid("status", "not one of Notify's statuses: " + status);
        };
    }

    static String reason(String status) {
        return switch (status) {
            case "permanent-failure" -> "GOV.UK Notify could not deliver it: the number or address does not exist "
                    + "or is not in use (permanent failure)";
            case "temporary-failure" -> "GOV.UK Notify could not deliver it: the phone was off or the inbox full, and "
                    + "Notify stopped trying (temporary failure)";
            default -> "GOV.UK Notify could not send it because of a technical failure at Notify";
        };
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(field, "not a UUID");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("The delivery receipt is not valid",
                List.of(new Problem.FieldError(field, message)));
    }
}
