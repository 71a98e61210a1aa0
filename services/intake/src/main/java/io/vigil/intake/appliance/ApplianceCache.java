package io.vigil.intake.appliance;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.school.School;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active appliances by key hash, in memory, so authenticating a request costs a hash and a map
 * lookup instead of database queries. Reloaded every few seconds, and at once after this replica's
 * registry changes a key; a key revoked through another replica stops working here within the
 * reload interval ({@code vigil.intake.appliance-cache.reload}, 5 s by default). A key not in the
 * cache is looked up in the database once before it is refused, so a newly registered appliance
 * works at once everywhere.
 */
@ApplicationScoped
public class ApplianceCache {

    /** An active appliance and the secret its requests are signed with, if any. */
    public record Entry(AuthenticatedAppliance appliance, String signingSecret) {
    }

    private volatile Map<String, Entry> byKeyHash = Map.of();

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "${vigil.intake.appliance-cache.reload:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reload() {
        byKeyHash = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, String> trustOfSchool = new HashMap<>();
            School.<School>listAll().forEach(school -> trustOfSchool.put(school.id, school.trustId));
            Map<String, Entry> loaded = new HashMap<>();
            List<Appliance> active = Appliance.list("revokedAt is null");
            for (Appliance appliance : active) {
                loaded.put(appliance.keyHash, new Entry(new AuthenticatedAppliance(appliance.id, appliance.vendor,
                        appliance.kind, appliance.schoolId, trustOfSchool.get(appliance.schoolId)),
                        appliance.signingSecret));
            }
            return Map.copyOf(loaded);
        });
    }

    /** The active appliance holding the key with this hash, if it is in memory; never a query. */
    public Optional<Entry> cached(String keyHash) {
        return Optional.ofNullable(byKeyHash.get(keyHash));
    }

    /** The active appliance holding the key with this hash, looked up in the database if not in memory. */
    public Optional<Entry> find(String keyHash) {
        return cached(keyHash).or(() -> QuarkusTransaction.requiringNew().call(
                () -> Appliance.findActiveByKeyHash(keyHash)
                        .map(appliance -> new Entry(ApplianceAuthenticator.of(appliance), appliance.signingSecret))));
    }
}
