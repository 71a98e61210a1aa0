package io.vigil.intake.registry;

/** A newly issued API key: shown in this answer once, and never again (only its hash is kept). */
public record IssuedKey(ApplianceView appliance, String apiKey) {
}
