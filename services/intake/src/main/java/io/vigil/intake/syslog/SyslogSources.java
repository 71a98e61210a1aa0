package io.vigil.intake.syslog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.intake.appliance.Appliance;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.appliance.SyslogSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which appliance a syslog sender is, by its source address: each active appliance lists the
 * addresses or blocks it sends from, and the most specific block that contains the sender wins.
 * The bindings are held in memory (the listeners must not query the database per line) and
 * reloaded every few seconds and whenever the registry changes them here.
 */
@ApplicationScoped
public class SyslogSources {

    private static final Logger LOG = Logger.getLogger(SyslogSources.class);

    /**
     * One allowed block and the appliance it identifies; with a TLS subject, the sender must present
     * a client certificate with that subject over syslog-TLS, and is refused over plain TCP and UDP.
     */
    public record Binding(Cidr cidr, AuthenticatedAppliance appliance, String tlsSubject) {

        /** Whether a sender presenting {@code subject} (null without TLS) is this appliance. */
        public boolean accepts(String subject) {
            if (tlsSubject == null) {
                return true;
            }
            return subject != null && normalise(subject).equals(normalise(tlsSubject));
        }
    }

    /** A distinguished name in RFC 2253 form, so spacing and case of attribute names do not matter. */
    static String normalise(String distinguishedName) {
        try {
            return new javax.security.auth.x500.X500Principal(distinguishedName)
                    .getName(javax.security.auth.x500.X500Principal.CANONICAL);
        } catch (IllegalArgumentException e) {
            return distinguishedName.strip();
        }
    }

    private volatile List<Binding> bindings = List.of();

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "${vigil.intake.syslog.sources-reload:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reload() {
        List<Binding> loaded = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (SyslogSource source : SyslogSource.<SyslogSource>listAll()) {
                Appliance appliance = Appliance.findById(source.key.applianceId);
                if (appliance == null || appliance.revokedAt != null) {
                    continue;
                }
                try {
                    loaded.add(new Binding(Cidr.parse(source.key.cidr), ApplianceAuthenticator.of(appliance),
                            source.tlsSubject));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Ignoring syslog source %s of appliance %s: %s", source.key.cidr, appliance.id,
                            e.getMessage());
                }
            }
        });
        loaded.sort(Comparator.comparingInt((Binding b) -> b.cidr().prefixLength()).reversed());
        bindings = List.copyOf(loaded);
    }

    /** The binding of the most specific block that contains {@code address}, if any. */
    public Optional<Binding> resolve(InetAddress address) {
        for (Binding binding : bindings) {
            if (binding.cidr().contains(address)) {
                return Optional.of(binding);
            }
        }
        return Optional.empty();
    }
}
