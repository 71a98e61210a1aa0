package io.vigil.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a deployment configures Notify: the properties below are the documented form. */
class NotifyConfigTest {

    @Test
    void bindsTemplatesKeyedByTheLedgersTemplateIdAndDefaultsTheRest() {
        NotifyConfig config = mapping(Map.of(
                "vigil.notification.notify.api-key", "vigil_live-" + "a".repeat(8) + "-0000-0000-0000-" + "b".repeat(12)
                        + "-" + "c".repeat(8) + "-0000-0000-0000-" + "d".repeat(12),
                "vigil.notification.notify.templates.\"staff-incident-opened.v1\".sms", "sms-opened",
                "vigil.notification.notify.templates.\"staff-incident-opened.v1\".email", "email-opened",
                "vigil.notification.notify.templates.\"staff-incident-escalated.v1\".sms", "sms-escalated"));

        assertThat(config.baseUrl()).isEqualTo("https://api.notifications.service.gov.uk");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.templates()).containsOnlyKeys("staff-incident-opened.v1", "staff-incident-escalated.v1");
        assertThat(config.templates().get("staff-incident-opened.v1").email()).contains("email-opened");
        assertThat(config.templates().get("staff-incident-escalated.v1").sms()).contains("sms-escalated");
        assertThat(config.templates().get("staff-incident-escalated.v1").email()).isEmpty();
        // An escalation has no Notify e-mail template here, so it fails before anything is sent.
        NotifyChannel channel = new NotifyChannel(config);
        try {
            assertThat(channel.sendEmail(UUID.randomUUID(), "staff-incident-escalated.v1", "dsl@north.sch.uk", Map.of()))
                    .isEqualTo(new DeliveryOutcome.Permanent("No GOV.UK Notify e-mail template is configured for "
                            + "staff-incident-escalated.v1 (vigil.notification.notify.templates)"));
        } finally {
            channel.close();
        }
    }

    @Test
    void withoutAKeyTheServiceStillStarts() {
        NotifyConfig config = mapping(Map.of());

        assertThat(config.apiKey()).isEmpty();
        assertThat(config.templates()).isEmpty();
    }

    private static NotifyConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifyConfig.class)
                // Quarkus reads "10s" as a duration; plain SmallRye needs its converter.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(NotifyConfig.class);
    }
}
