package io.vigil.load.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Judges an answer: no 5xx, and every 4xx an RFC 9457 problem+json with a type, a title and a detail. */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** Why {@code response} is not an acceptable answer, or {@code null} when it is. */
    public static String fault(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error " + status + ": " + excerpt(response.body());
        }
        if (status < 400) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return status + " with content type '" + type + "', not application/problem+json: "
                    + excerpt(response.body());
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            for (String field : new String[] {"type", "title", "detail"}) {
                if (problem == null || !problem.path(field).isTextual() || problem.path(field).asText().isBlank()) {
                    return status + " problem without a " + field + ": " + excerpt(response.body());
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return status + " problem+json that is not JSON: " + excerpt(response.body());
        }
    }

    /** The first characters of a body, printable. */
    public static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "·");
    }
}
