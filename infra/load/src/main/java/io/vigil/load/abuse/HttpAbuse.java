package io.vigil.load.abuse;

import io.vigil.load.abuse.HttpTarget.ApiKey;
import io.vigil.load.abuse.HttpTarget.Secret;
import io.vigil.load.abuse.HttpTarget.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sends one spoilt request to an endpoint and judges the answer. What is sent stays within what an HTTP
 * client can send (a valid request line, headers under the server's limits): the services' answers are
 * under test, not the HTTP codec.
 */
public final class HttpAbuse {

    private static final List<Mutation> BODY = List.of(Mutation.TRUNCATED, Mutation.WRONG_TYPES,
            Mutation.HUGE_STRING, Mutation.DEEP_NESTING, Mutation.INVALID_UTF8, Mutation.DUPLICATE_KEYS,
            Mutation.NULLS, Mutation.UNICODE, Mutation.NUMBERS_OUT_OF_RANGE, Mutation.GARBAGE, Mutation.EMPTY,
            Mutation.WRONG_CONTENT_TYPE);
    private static final List<Mutation> ANY = List.of(Mutation.MISSING_AUTH, Mutation.GARBAGE_AUTH,
            Mutation.PATH_JUNK, Mutation.QUERY_JUNK, Mutation.NONE);
    private static final String[] PATH_JUNK = {"..", "%2e%2e%2f%2e%2e", "%00", "%ff%fe", "a".repeat(2000),
        "%F0%9F%98%80", "%27%20OR%201%3D1--", "-1", "null", "%E2%80%AE", "%20", "0", "99999999999999999999",
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "%3Cscript%3E", "%25", "~", "%C0%AF", "a%2Fb",
        "12345678-1234-1234-1234-1234567890123"};
    private static final String[][] QUERY_JUNK = {{"size", "-1"}, {"size", "0"}, {"size", "99999999999"},
        {"page", "-5"}, {"page", "2147483648"}, {"order", "sideways"}, {"from", "yesterday"}, {"to", "2026-13-45"},
        {"from", "2026-11-20T10:00:00Z"}, {"limit", "0"}, {"limit", "1001"}, {"status", "%F0%9F%98%80"},
        {"schoolId", "..%2F"}, {"schoolId", "south-academy"}, {"format", "exe"}, {"format", "csv"},
        {"severity", "9e99"}, {"includeExpired", "maybe"}, {"released", "2"}, {"category", "%27"},
        {"applianceId", "%00"}, {"source", ""}, {"size", "abc"}, {"from", "%FF"}};
    private static final String[] FOREIGN_CONTENT_TYPES = {"text/plain", "application/xml", "a/b;;;=",
        "application/json; charset=latin-7", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "text/csv", "*/*"};
    private static final String[] GARBAGE_AUTH = {"Bearer garbage", "Bearer ", "Basic Zm9vOmJhcg==", "bearer",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer " + "a".repeat(3000),
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJyZWFsbV9hY2Nlc3MiOnsicm9sZXMiOlsidHJ1c3QtYWRtaW4iXX19.c2lnbmF0dXJl",
        "Negotiate YIIB", "Bearer \u00e9\u00e9"};
    private static final String[] GARBAGE_KEYS = {"", "x", "local-dev-north-appliance-key-change-m",
        "' OR 1=1 --", "k".repeat(3000), "%00", "vk_live_0000000000000000000000000000"};

    private final Map<String, String> urls;
    private final UserTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** @param urls each service's base URL */
    public HttpAbuse(Map<String, String> urls, UserTokens tokens) {
        this.urls = Map.copyOf(urls);
        this.tokens = tokens;
    }

    /** The mutations that make sense for {@code target}; a few megabytes of body only rarely. */
    public static Mutation pick(HttpTarget target, SplittableRandom random) {
        if (target.hasBody() && random.nextInt(1000) == 0) {
            return Mutation.OVERSIZED;
        }
        if (target.hasBody() && random.nextInt(3) > 0) {
            return BODY.get(random.nextInt(BODY.size()));
        }
        return ANY.get(random.nextInt(ANY.size()));
    }

    /** Sends input {@code index}: {@code target} spoilt by {@code mutation}, choices from {@code random}. */
    public Answer send(HttpTarget target, Mutation mutation, long index, SplittableRandom random)
            throws InterruptedException {
        Map<String, String> values = new LinkedHashMap<>(target.pathValues());
        String path = target.path();
        if (mutation == Mutation.PATH_JUNK) {
            String junk = JsonMutations.pick(PATH_JUNK, random);
            if (values.isEmpty() || random.nextInt(4) == 0) {
                path = path + "/" + junk;
            } else {
                List<String> names = new ArrayList<>(values.keySet());
                values.put(names.get(random.nextInt(names.size())), junk);
            }
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        if (mutation == Mutation.QUERY_JUNK) {
            StringBuilder query = new StringBuilder();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                String[] pair = QUERY_JUNK[random.nextInt(QUERY_JUNK.length)];
                query.append(i == 0 ? '?' : '&').append(pair[0]).append('=').append(pair[1]);
            }
            path += query;
        }
        byte[] body = target.hasBody() ? JsonMutations.body(target.body(), mutation, random) : null;
        String contentType = mutation == Mutation.WRONG_CONTENT_TYPE ? JsonMutations.pick(FOREIGN_CONTENT_TYPES, random)
                : target.contentType();
        String description = target.method() + " " + path + " [" + mutation + "]"
                + (contentType == null ? "" : " Content-Type: " + contentType)
                + (body == null ? "" : " body (" + body.length + " bytes): " + Problems.excerpt(body));
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(urls.get(target.service()) + path))
                    .timeout(Duration.ofSeconds(120))
                    .method(target.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Input " + index + " is no URI: " + description, e);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        credential(target, mutation, random, request);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(target.name(), mutation, index, description, response.statusCode(),
                    Problems.fault(response));
        } catch (IOException e) {
            return new Answer(target.name(), mutation, index, description, 0, "no answer: " + e);
        }
    }

    private void credential(HttpTarget target, Mutation mutation, SplittableRandom random, HttpRequest.Builder request) {
        if (mutation == Mutation.MISSING_AUTH) {
            return;
        }
        boolean garbage = mutation == Mutation.GARBAGE_AUTH;
        if (target.credential() instanceof ApiKey key) {
            String value = garbage ? JsonMutations.pick(GARBAGE_KEYS, random) : key.key();
            if (!value.isEmpty()) {
                request.header("X-Vigil-Api-Key", ascii(value));
            }
        } else if (garbage) {
            request.header("Authorization", ascii(JsonMutations.pick(GARBAGE_AUTH, random)));
        } else if (target.credential() instanceof User user) {
            request.header("Authorization", "Bearer " + tokens.of(user.username()));
        } else if (target.credential() instanceof Secret secret) {
            request.header("Authorization", "Bearer " + secret.value());
        }
    }

    /** Header values as Latin-1 bytes decoded as such: what a client that does not encode them sends. */
    private static String ascii(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Posts a Smoothwall report export to {@code applianceId}'s upload; answers the status and the body. */
    public HttpResponse<byte[]> uploadCsv(String applianceId, String username, byte[] csv) throws IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(urls.get("intake") + "/api/v1/appliances/" + applianceId
                + "/report-uploads")).timeout(Duration.ofSeconds(120)).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + tokens.of(username))
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request with a user's token and a JSON body (or none); for setting up and reading back. */
    public HttpResponse<String> call(String service, String method, String path, String username, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(service) + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + tokens.of(username))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A plain GET without credentials (metrics). */
    public String get(String service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(urls.get(service) + path)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
