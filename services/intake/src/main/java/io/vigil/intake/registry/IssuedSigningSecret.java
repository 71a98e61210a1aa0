package io.vigil.intake.registry;

/**
 * A newly issued request-signing secret, shown in this answer once. The appliance signs each
 * request with it; Vigil keeps it to verify signatures and never shows it again.
 */
public record IssuedSigningSecret(ApplianceView appliance, String signingSecret) {
}
