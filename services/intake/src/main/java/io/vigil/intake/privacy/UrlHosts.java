package io.vigil.intake.privacy;

import java.net.URI;
import java.util.Locale;

/** Keeps only the host of a URL: paths and query strings can hold a child's searches or names. */
public final class UrlHosts {

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
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
