package io.vigil.intake.appliance;

import io.vigil.common.problem.ProblemException;
import io.vigil.common.signing.RequestSignatures;
import io.vigil.intake.school.School;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/** Resolves the API key an appliance presents to the appliance and its school. */
@ApplicationScoped
public class ApplianceAuthenticator {

    /** Header that carries an appliance's API key. */
    public static final String API_KEY_HEADER = "X-Vigil-Api-Key";

    @Inject
    Clock clock;

    @Inject
    ApplianceCache appliances;

    /** An authenticated appliance and the school (and trust) it sends for. */
    public record AuthenticatedAppliance(String applianceId, String vendor, String kind, String schoolId,
            String trustId) {
    }

    /**
     * The active appliance holding {@code apiKey}, after checking the request's signature when the
     * appliance signs its requests; 401 when the key is missing, unknown or revoked, or the signature
     * is missing, wrong or outside the replay window.
     */
    public AuthenticatedAppliance authenticate(String apiKey, String timestamp, String signature, byte[] body) {
        ApplianceCache.Entry entry = appliances.find(keyHash(apiKey))
                .orElseThrow(() -> ProblemException.unauthorized("The API key is unknown or has been revoked"));
        return verified(entry, timestamp, signature, body);
    }

    /**
     * As {@link #authenticate}, from the appliances held in memory only, so it never waits on the
     * database and an I/O thread may call it: empty when the key is not in memory (a key registered
     * through another replica moments ago, or an unknown one), which {@code authenticate} then decides.
     */
    public Optional<AuthenticatedAppliance> authenticateFromMemory(String apiKey, String timestamp, String signature,
            byte[] body) {
        return appliances.cached(keyHash(apiKey)).map(entry -> verified(entry, timestamp, signature, body));
    }

    private static String keyHash(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw ProblemException.unauthorized("An appliance API key is required in the " + API_KEY_HEADER + " header");
        }
        return ApiKeys.hash(apiKey.strip());
    }

    private AuthenticatedAppliance verified(ApplianceCache.Entry entry, String timestamp, String signature,
            byte[] body) {
        if (entry.signingSecret() != null) {
            RequestSignatures.verify(entry.signingSecret(), timestamp, signature, body, clock.instant());
        }
        return entry.appliance();
    }

    /** The appliance as the alert path sees it. */
    public static AuthenticatedAppliance of(Appliance appliance) {
        School school = School.findById(appliance.schoolId);
        return new AuthenticatedAppliance(appliance.id, appliance.vendor, appliance.kind, school.id, school.trustId);
    }
}
