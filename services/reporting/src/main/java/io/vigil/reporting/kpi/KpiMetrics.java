package io.vigil.reporting.kpi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The KPIs as Prometheus gauges at {@code /q/metrics}, over a rolling window ({@code
 * vigil.reporting.kpi-metrics.window}, 30 days), per trust and school, recomputed every {@code
 * vigil.reporting.kpi-metrics.refresh} with the queries of {@code GET /api/v1/kpis} ({@link Kpis}):
 * <ul>
 * <li>{@code vigil_reporting_time_to_acknowledge_seconds{trust,school,quantile}} and
 * {@code vigil_reporting_time_to_close_seconds{trust,school,quantile}}, quantile 0.5 and 0.9;</li>
 * <li>{@code vigil_reporting_false_positive_ratio{trust,school,category}};</li>
 * <li>{@code vigil_reporting_notification_failure_ratio{trust,school,channel}}.</li>
 * </ul>
 * A group with nothing to measure (no incident acknowledged, none closed, nothing settled) has no series.
 */
@ApplicationScoped
public class KpiMetrics {

    static final String TIME_TO_ACKNOWLEDGE = "vigil.reporting.time_to_acknowledge_seconds";
    static final String TIME_TO_CLOSE = "vigil.reporting.time_to_close_seconds";
    static final String FALSE_POSITIVE_RATIO = "vigil.reporting.false_positive_ratio";
    static final String NOTIFICATION_FAILURE_RATIO = "vigil.reporting.notification_failure_ratio";

    @Inject
    MeterRegistry registry;

    @Inject
    Kpis kpis;

    @ConfigProperty(name = "vigil.reporting.kpi-metrics.window", defaultValue = "30d")
    Duration window;

    private MultiGauge timeToAcknowledge;
    private MultiGauge timeToClose;
    private MultiGauge falsePositiveRatio;
    private MultiGauge notificationFailureRatio;

    @PostConstruct
    void register() {
        timeToAcknowledge = gauge(TIME_TO_ACKNOWLEDGE,
                "Time from an incident opening to its acknowledgement, over the rolling window");
        timeToClose = gauge(TIME_TO_CLOSE, "Time from an incident opening to its closing, over the rolling window");
        falsePositiveRatio = gauge(FALSE_POSITIVE_RATIO,
                "Closed as false-positive / closed, of the incidents opened in the rolling window");
        notificationFailureRatio = gauge(NOTIFICATION_FAILURE_RATIO,
                "Failed / delivered or failed, of the notifications settled in the rolling window");
    }

    private MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** Recomputes every gauge from the database. */
    @Scheduled(every = "${vigil.reporting.kpi-metrics.refresh:60s}", delayed = "${vigil.reporting.kpi-metrics.delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        Instant now = Instant.now();
        Kpis.Scope scope = Kpis.Scope.everywhere(now.minus(window), now);
        QuarkusTransaction.requiringNew().run(() -> {
            List<Kpis.Timings> timings = kpis.timings(scope, List.of(Kpis.Grouping.SCHOOL));
            timeToAcknowledge.register(quantiles(timings, Kpis.Timings::acknowledge), true);
            timeToClose.register(quantiles(timings, Kpis.Timings::close), true);
            falsePositiveRatio.register(ratios(kpis.falsePositives(scope, List.of(Kpis.Grouping.SCHOOL_CATEGORY)),
                    "category"), true);
            notificationFailureRatio.register(ratios(kpis.notificationFailures(scope), "channel"), true);
        });
    }

    private static List<MultiGauge.Row<?>> quantiles(List<Kpis.Timings> timings,
            Function<Kpis.Timings, Kpis.Timing> milestone) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Kpis.Timings group : timings) {
            Kpis.Timing timing = milestone.apply(group);
            if (timing.count() == 0) {
                continue;
            }
            Tags school = Tags.of("trust", group.key().get("trust_id"), "school", group.key().get("school_id"));
            rows.add(MultiGauge.Row.of(school.and("quantile", "0.5"), timing.medianSeconds()));
            rows.add(MultiGauge.Row.of(school.and("quantile", "0.9"), timing.p90Seconds()));
        }
        return rows;
    }

    private static List<MultiGauge.Row<?>> ratios(List<Kpis.Rate> rates, String label) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Kpis.Rate rate : rates) {
            if (rate.ratio() == null) {
                continue;
            }
            rows.add(MultiGauge.Row.of(Tags.of("trust", rate.key().get("trust_id"), "school",
                    rate.key().get("school_id"), label, rate.key().get(label)), rate.ratio()));
        }
        return rows;
    }
}
