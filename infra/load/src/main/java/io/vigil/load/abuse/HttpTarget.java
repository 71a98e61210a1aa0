package io.vigil.load.abuse;

import java.util.Map;

/**
 * One endpoint of one service and what a well-behaved client sends it, the starting point of the inputs
 * that are spoilt.
 *
 * @param service the service (intake, triage, notification, reporting)
 * @param method the HTTP method
 * @param path the path with {@code {name}} parameters
 * @param pathValues the value each parameter takes in a well-behaved request
 * @param contentType the content type of the body, or {@code null} when none is sent
 * @param credential who calls it
 * @param body the well-behaved body, or {@code null}
 */
public record HttpTarget(String service, String method, String path, Map<String, String> pathValues,
        String contentType, Credential credential, String body) {

    /** Who calls an endpoint. */
    public sealed interface Credential {
    }

    /** An appliance's {@code X-Vigil-Api-Key}. */
    public record ApiKey(String key) implements Credential {
    }

    /** A demo user's bearer token (password grant). */
    public record User(String username) implements Credential {
    }

    /** A bearer secret configured in the service (GOV.UK Notify's callback). */
    public record Secret(String value) implements Credential {
    }

    /** The path as a well-behaved client writes it. */
    public String name() {
        return method + " " + service + path;
    }

    public boolean hasBody() {
        return body != null;
    }
}
