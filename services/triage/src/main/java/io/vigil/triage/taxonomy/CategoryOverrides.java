package io.vigil.triage.taxonomy;

import io.vigil.triage.PolicyCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trusts' and schools' own category mappings as triage applies them to alerts, held in memory
 * per trust: read once, then again after {@code vigil.triage.policy-cache.refresh} or as soon as this
 * replica changes one (see {@link PolicyCache}).
 */
@ApplicationScoped
public class CategoryOverrides {

    /** The newest version of one mapping: what an alert needs of it. */
    public record Current(String schoolId, String policyCategory, int version, String changedBy) {
    }

    @Inject
    PolicyCache cache;

    /** The newest version for this school, else for the trust, if any. */
    public Optional<Current> current(String trustId, String schoolId, String vendor, String normalisedCategory) {
        Map<String, Current> newest = cache.get("overrides", trustId, () -> load(trustId));
        Current school = newest.get(key(schoolId, vendor, normalisedCategory));
        return Optional.ofNullable(school != null ? school : newest.get(key(null, vendor, normalisedCategory)));
    }

    /** Forgets the trust's mappings once the current transaction commits (a mapping was changed). */
    public void changed(String trustId) {
        cache.invalidateOnCommit("overrides", trustId);
    }

    private static Map<String, Current> load(String trustId) {
        Map<String, Current> newest = new HashMap<>();
        List<CategoryOverride> all = CategoryOverride.list("trustId", trustId);
        for (CategoryOverride o : all) {
            newest.merge(key(o.schoolId, o.vendor, o.vendorCategory),
                    new Current(o.schoolId, o.policyCategory, o.version, o.changedBy),
                    (a, b) -> a.version() >= b.version() ? a : b);
        }
        return Map.copyOf(newest);
    }

    private static String key(String schoolId, String vendor, String normalisedCategory) {
        return (schoolId == null ? "" : schoolId) + "\n" + vendor + "\n" + normalisedCategory;
    }
}
