package io.vigil.testing;

import io.vigil.stack.AccessTokens;
import io.vigil.stack.DemoRealm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real access tokens from the stack's Keycloak, for calling services the way their clients do. */
public final class Tokens {

    private Tokens() {
    }

    /** Access token of a demo user (e.g. {@code north.dsl}) with the demo password. */
    public static String password(String username) {
        return password(username, DemoRealm.USER_PASSWORD);
    }

    /** Access token of a user through the public {@code vigil-web} client's password grant. */
    public static String password(String username, String password) {
        return AccessTokens.password(VigilStack.endpoints().tokenUrl(), username, password);
    }

    /** Access token of a confidential client through the client-credentials grant. */
    public static String clientCredentials(String clientId, String secret) {
        return AccessTokens.clientCredentials(VigilStack.endpoints().tokenUrl(), clientId, secret);
    }

    /** Access token of the demo {@code vigil-app} client (realm role {@code app}). */
    public static String app() {
        return clientCredentials(DemoRealm.APP_CLIENT_ID, DemoRealm.APP_CLIENT_SECRET);
    }

    /** The decoded JSON payload of a JWT, for assertions on its claims. Does not verify the signature. */
    public static String payloadJson(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Not a JWT");
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
