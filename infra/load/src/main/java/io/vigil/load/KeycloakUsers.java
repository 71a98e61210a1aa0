package io.vigil.load;

import io.vigil.stack.DemoRealm;
import io.vigil.stack.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users of a benchmark's own trust in the benchmark stack's throw-away Keycloak, made through its admin API
 * with the local-development administrator: the demo realm's users belong to the demo trust's two schools only.
 */
final class KeycloakUsers {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private KeycloakUsers() {
    }

    /** Creates {@code username} (password {@link DemoRealm#USER_PASSWORD}) with one realm role, a trust and schools. */
    static void create(Endpoints infra, String username, String role, String trustId, List<String> schoolIds) {
        String admin = adminToken(infra);
        String users = infra.keycloakUrl() + "/admin/realms/" + Endpoints.REALM + "/users";
        String schools = schoolIds.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        String body = "{\"username\":\"" + username + "\",\"enabled\":true,\"emailVerified\":true,"
                + "\"email\":\"" + DemoRealm.email(username) + "\",\"firstName\":\"Load\",\"lastName\":\"Test\","
                + "\"attributes\":{\"trust_id\":[\"" + trustId + "\"],\"school_ids\":[" + schools + "]},"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + DemoRealm.USER_PASSWORD
                + "\",\"temporary\":false}]}";
        expect(send(admin, "POST", users, body), 201, "create " + username);
        HttpResponse<String> found = send(admin, "GET", users + "?exact=true&username=" + username, null);
        Matcher id = ID.matcher(found.body());
        if (!id.find()) {
            throw new IllegalStateException("Keycloak did not find " + username + ": " + found.body());
        }
        HttpResponse<String> roleJson = send(admin, "GET", infra.keycloakUrl() + "/admin/realms/" + Endpoints.REALM
                + "/roles/" + role, null);
        expect(roleJson, 200, "read role " + role);
        expect(send(admin, "POST", users + "/" + id.group(1) + "/role-mappings/realm", "[" + roleJson.body() + "]"),
                204, "give " + username + " " + role);
    }

    private static String adminToken(Endpoints infra) {
        String form = "grant_type=password&client_id=admin-cli&username=" + DemoRealm.ADMIN_USERNAME + "&password="
                + DemoRealm.ADMIN_PASSWORD;
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(infra.keycloakUrl()
                    + "/realms/master/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("No Keycloak admin token: HTTP " + response.statusCode());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String token, String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Keycloak refused to " + what + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }
}
