package io.vigil.common.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The outbox as Prometheus gauges: {@code vigil_outbox_backlog} (events committed but not yet on
 * Kafka) and {@code vigil_outbox_parked} (events the broker refused for good, waiting for an
 * operator). A growing backlog means the relay cannot reach the broker; any parked event needs a
 * look. They are read on a schedule rather than at each scrape, so a scrape never waits on the
 * database. The backlog is the span of ids still in the table, read from the primary key alone: it
 * counts too many only while an older row is held back, which is exactly when it should alarm.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    void register(@Observes StartupEvent event) {
        Gauge.builder("vigil.outbox.backlog", backlog, AtomicLong::get)
                .description("Events committed to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("vigil.outbox.parked", parked, AtomicLong::get)
                .description("Events the broker refused for good, kept for an operator")
                .register(registry);
        refresh();
    }

    @Scheduled(every = "${vigil.outbox.metrics-every:15s}", delayed = "${vigil.outbox.metrics-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            backlog.set(single(statement, "select coalesce(max(id) - min(id) + 1, 0) from vigil_outbox"));
            parked.set(single(statement, "select count(*) from vigil_outbox_parked"));
        } catch (SQLException e) {
            LOG.debugf("Outbox metrics not refreshed: %s", e.getMessage());
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
