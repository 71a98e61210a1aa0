package io.vigil.notification.channel;

import java.net.URI;
import java.util.Objects;

/**
 * Where a webhook goes and how: the receiver's URL, the shape it understands, and the secret Vigil
 * signs each request with ({@code X-Vigil-Signature}). A Teams webhook URL is itself a credential, so
 * neither it nor the secret appears in {@link #toString()} or in an outcome's reason: only the host.
 */
public record WebhookTarget(Format format, URI url, String secret) {

    /** The body a receiver understands. */
    public enum Format {
        /** A Microsoft Teams incoming webhook (Workflows or connector): a message with an Adaptive Card. */
        TEAMS,
        /** Vigil's own small JSON document, for a trust's or a vendor's endpoint. */
        GENERIC
    }

    public WebhookTarget {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(url, "url");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("A webhook needs a signing secret");
        }
    }

    /** The receiver's host, the only part of its address that a log or a reason may show. */
    public String host() {
        return url.getHost() == null ? "(no host)" : url.getHost();
    }

    @Override
    public String toString() {
        return "WebhookTarget[" + format + " at " + host() + "]";
    }
}
