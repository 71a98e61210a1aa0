package io.vigil.load.abuse;

import io.vigil.stack.AccessTokens;
import io.vigil.stack.DemoRealm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Demo users' access tokens from the stack's Keycloak, fetched again before they could expire. */
public final class UserTokens {

    private static final Duration KEEP = Duration.ofSeconds(60);

    private record Held(String token, Instant fetched) {
    }

    private final String tokenUrl;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public UserTokens(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String of(String username) {
        return held.compute(username, (user, h) -> h != null && h.fetched().plus(KEEP).isAfter(Instant.now()) ? h
                : new Held(AccessTokens.password(tokenUrl, user, DemoRealm.USER_PASSWORD), Instant.now())).token();
    }
}
