package io.vigil.intake.privacy;

import java.net.URI;
import java.util.Locale;

/**
 * Keeps only the host of a URL: paths and query strings can hold a child's searches or names. A "host"
 * longer than a DNS name can be (253 characters) is none, and is not kept: it would only fill the
 * alert's host column downstream.
 */
public final class UrlHosts {

    /** The longest DNS name, dots included (RFC 1035). */
    static final int MAX_HOST_LENGTH = 253;

    private UrlHosts() {
    }

    public static String hostOf(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String candidate = url.strip();
        if (!candidate.contains("://")) {
            candidate = "http://" + candidate;
        }
        try {
            String host = URI.create(candidate).getHost();
            return host == null || host.length() > MAX_HOST_LENGTH ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
