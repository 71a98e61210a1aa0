package io.vigil.notification.preference;

import io.vigil.contracts.incident.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The channels a school uses per severity: its own choice, or Vigil's defaults from configuration. */
@ApplicationScoped
public class SchoolChannels {

    private final EntityManager entityManager;
    private final Map<Severity, Set<String>> defaults;

    public SchoolChannels(EntityManager entityManager,
            @ConfigProperty(name = "vigil.notification.channels.critical", defaultValue = "email") String critical,
            @ConfigProperty(name = "vigil.notification.channels.high", defaultValue = "email") String high,
            @ConfigProperty(name = "vigil.notification.channels.medium", defaultValue = "email") String medium,
            @ConfigProperty(name = "vigil.notification.channels.low", defaultValue = "email") String low) {
        this.entityManager = entityManager;
        this.defaults = Map.of(Severity.CRITICAL, ChannelPolicy.parse(critical), Severity.HIGH, ChannelPolicy.parse(high),
                Severity.MEDIUM, ChannelPolicy.parse(medium), Severity.LOW, ChannelPolicy.parse(low));
    }

    public Set<String> of(String schoolId, Severity severity) {
        @SuppressWarnings("unchecked")
        List<String> own = entityManager.createNativeQuery("select channels from school_channel where school_id = ?1 "
                + "and severity = ?2").setParameter(1, schoolId).setParameter(2, severity.wireName()).getResultList();
        return own.isEmpty() ? defaults.get(severity) : ChannelPolicy.parse(own.get(0));
    }

    public Set<String> defaults(Severity severity) {
        return defaults.get(severity);
    }
}
