package io.vigil.load;

import io.vigil.contracts.alert.AlertReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The incidents a stream of alerts must make, worked out apart from triage from its documented rule:
 * alerts of one school about the same user and policy category join the newest open incident of that
 * key whose last alert is no more than the correlation window before theirs; otherwise they open a new
 * one. Fed in the order one partition delivers them (all of a school's alerts share a partition).
 */
final class ExpectedIncidents {

    private final Duration window;
    private final Function<String, String> policyCategoryOf;
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private long incidents;
    private long alerts;

    /** @param policyCategoryOf the policy category of a vendor category */
    ExpectedIncidents(Duration window, Function<String, String> policyCategoryOf) {
        this.window = window;
        this.policyCategoryOf = policyCategoryOf;
    }

    /** For the categories of {@link AlertMix}. */
    static ExpectedIncidents ofMix() {
        Map<String, String> table = new HashMap<>();
        AlertMix.CATEGORIES.forEach(c -> table.put(c.vendorCategory(), c.policyCategory()));
        return new ExpectedIncidents(AlertMix.WINDOW, vendorCategory -> {
            String policy = table.get(vendorCategory);
            if (policy == null) {
                throw new IllegalArgumentException("Not a category of the mix: " + vendorCategory);
            }
            return policy;
        });
    }

    void add(AlertReceived alert) {
        alerts++;
        String key = alert.schoolId() + "|" + policyCategoryOf.apply(alert.vendorCategory()) + "|" + subjectOf(alert);
        Instant last = lastSeen.get(key);
        if (last != null && !alert.occurredAt().minus(window).isAfter(last)) {
            if (alert.occurredAt().isAfter(last)) {
                lastSeen.put(key, alert.occurredAt());
            }
            return;
        }
        incidents++;
        lastSeen.put(key, alert.occurredAt());
    }

    private static String subjectOf(AlertReceived alert) {
        if (alert.userRef() != null) {
            return "user:" + alert.userRef().toLowerCase(Locale.ROOT);
        }
        if (alert.deviceRef() != null) {
            return "device:" + alert.deviceRef().toLowerCase(Locale.ROOT);
        }
        return "appliance:" + alert.applianceId();
    }

    /** Incidents the alerts so far open. */
    long incidents() {
        return incidents;
    }

    /** Alerts so far: the sum of the incidents' alert counts. */
    long alerts() {
        return alerts;
    }
}
