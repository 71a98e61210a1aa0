package io.vigil.intake.webhook;

/** The answer to an accepted alert: Vigil's id for it, the same for a redelivery. */
public record AlertAccepted(String alertId, String eventId, String status) {
}
