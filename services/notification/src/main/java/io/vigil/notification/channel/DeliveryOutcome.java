package io.vigil.notification.channel;

/**
 * What became of one attempt to hand a message to a provider. The ledger keeps a transient failure
 * for another attempt and records a permanent one as failed for good (so triage can escalate); a
 * reason is written for a person reading the ledger and never carries the message or the recipient's
 * details beyond a masked address.
 */
public sealed interface DeliveryOutcome {

    /** The provider accepted the message; {@code providerReference} is its id for it. */
    record Sent(String providerReference) implements DeliveryOutcome {
    }

    /** Not accepted this time (provider down, rate limited, unreachable, too slow); worth trying again. */
    record Transient(String reason) implements DeliveryOutcome {
    }

    /** The provider will never accept this message as it is (bad address, bad key, unknown template). */
    record Permanent(String reason) implements DeliveryOutcome {
    }
}
