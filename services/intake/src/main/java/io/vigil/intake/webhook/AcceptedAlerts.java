package io.vigil.intake.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code vigil_intake_alerts_accepted_total{appliance, vendor, school}}: alerts made durable, per
 * source, so an operator sees each appliance's rate and one that falls quiet. Counted once the broker
 * acknowledged them, by every way in (webhook, batch, syslog, report upload). The counters are kept
 * per appliance, so counting costs one map look-up on the hot path.
 */
@ApplicationScoped
public class AcceptedAlerts {

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> byAppliance = new ConcurrentHashMap<>();

    public void count(AuthenticatedAppliance appliance, int alerts) {
        byAppliance.computeIfAbsent(appliance.applianceId(), id -> Counter.builder("vigil.intake.alerts.accepted")
                .description("Alerts accepted and durable on Kafka, per appliance")
                .tag("appliance", id)
                .tag("vendor", appliance.vendor())
                .tag("school", appliance.schoolId())
                .register(registry)).increment(alerts);
    }
}
