package io.vigil.notification.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.contracts.incident.Severity;
import io.vigil.notification.channel.WebhookTarget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A webhook a school's staff alerts are also posted to (a Teams channel, a trust's own endpoint), or,
 * without a school, every school of the trust. The URL and the signing secret are credentials: they
 * are used to send and never shown again (only the URL's host is).
 */
@Entity
@Table(name = "webhook_destination")
public class WebhookDestination extends PanacheEntityBase {

    /** The prefix of a signing secret, so secret scanners recognise one that leaked. */
    static final String SECRET_PREFIX = "vgw_";
    private static final String REF_PREFIX = "webhook:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    public UUID id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    /** Null: every school of the trust. */
    @Column(name = "school_id")
    public String schoolId;

    @Column(nullable = false)
    public String name;

    /** {@code teams} or {@code generic}. */
    @Column(nullable = false)
    public String format;

    @Column(nullable = false)
    public String url;

    @Column(name = "signing_secret", nullable = false)
    public String signingSecret;

    /** The least severe incident posted: {@code low}, {@code medium}, {@code high} or {@code critical}. */
    @Column(name = "minimum_severity", nullable = false)
    public String minimumSeverity;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "disabled_by")
    public String disabledBy;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** A new signing secret: 256 random bits, URL-safe, with a recognisable prefix. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The enabled destinations an incident of this school and severity is posted to: the school's and the trust's. */
    public static List<WebhookDestination> routable(String trustId, String schoolId, Severity severity) {
        return WebhookDestination.<WebhookDestination>list(
                "trustId = ?1 and (schoolId is null or schoolId = ?2) and enabled = true order by createdAt, id",
                trustId, schoolId).stream()
                .filter(destination -> destination.minimum().compareTo(severity) <= 0)
                .toList();
    }

    /** The ledger's reference to this destination as a recipient. */
    public String recipientRef() {
        return REF_PREFIX + id;
    }

    /** The destination a ledger recipient reference names, if it names one. */
    public static UUID idOf(String recipientRef) {
        return recipientRef != null && recipientRef.startsWith(REF_PREFIX)
                ? UUID.fromString(recipientRef.substring(REF_PREFIX.length())) : null;
    }

    Severity minimum() {
        return Severity.fromWire(minimumSeverity);
    }

    /** Where and how to send, with the secret: for the channel only. */
    public WebhookTarget target() {
        return new WebhookTarget(WebhookTarget.Format.valueOf(format.toUpperCase(Locale.ROOT)), URI.create(url),
                signingSecret);
    }

    /** The only part of the URL that may be shown or logged. */
    public String host() {
        return target().host();
    }
}
