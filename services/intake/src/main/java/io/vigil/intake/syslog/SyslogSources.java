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

    /** One allowed block and the appliance it identifies. */
    record Binding(Cidr cidr, AuthenticatedAppliance appliance) {
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
                    loaded.add(new Binding(Cidr.parse(source.key.cidr), ApplianceAuthenticator.of(appliance)));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Ignoring syslog source %s of appliance %s: %s", source.key.cidr, appliance.id,
                            e.getMessage());
                }
            }
        });
        loaded.sort(Comparator.comparingInt((Binding b) -> b.cidr().prefixLength()).reversed());
        bindings = List.copyOf(loaded);
    }

    /** The appliance that may send from {@code address}, if any. */
    public Optional<AuthenticatedAppliance> resolve(InetAddress address) {
        for (Binding binding : bindings) {
            if (binding.cidr().contains(address)) {
                return Optional.of(binding.appliance());
            }
        }
        return Optional.empty();
    }
}
