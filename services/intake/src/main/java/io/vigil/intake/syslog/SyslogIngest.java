package io.vigil.intake.syslog;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.appliance.LastSeen;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.quarantine.Quarantine;
import io.vigil.intake.syslog.vendor.VendorLogParser;
import io.vigil.intake.syslog.vendor.VendorParsers;
import io.vigil.intake.webhook.AlertPublisher;
import io.vigil.intake.webhook.AlertRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Turns the syslog lines one appliance sent into alerts: the header is read, the appliance's
 * vendor parser decides (alert, ignored, or rejected), blocked and flagged requests are published,
 * allowed ones only counted, and unreadable lines quarantined with the reason. Never throws for a
 * line; a line whose alert the broker could not take is quarantined with its text, so it is not lost.
 */
@ApplicationScoped
public class SyslogIngest {

    private static final Logger LOG = Logger.getLogger(SyslogIngest.class);

    @Inject
    AlertPublisher publisher;

    @Inject
    Quarantine quarantine;

    @Inject
    LastSeen lastSeen;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @Inject
    SyslogConfig config;

    private final Map<String, VendorLogParser> parsers = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();
    private volatile SyslogParser headers;

    /**
     * Reads the frames of one sender. The stage completes when every alert among them is durable
     * (or, failing that, quarantined).
     */
    public CompletableFuture<Void> ingest(String channel, String sourceAddress, AuthenticatedAppliance appliance,
            List<Frame> frames) {
        if (frames.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        lastSeen.touch(appliance.applianceId(), clock.instant());
        VendorLogParser parser = parserFor(appliance.vendor());
        List<AlertRequest> alerts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.isError()) {
                reject(channel, sourceAddress, appliance, frame.error(), "");
                continue;
            }
            ParseOutcome outcome;
            try {
                outcome = parser.parse(headers().parse(frame.text()));
            } catch (RuntimeException e) {
                outcome = new ParseOutcome.Rejected("unreadable syslog header: " + e.getClass().getSimpleName());
            }
            if (outcome instanceof ParseOutcome.Alert alert) {
                AlertRequest request = AlertRequest.of(alert.alert());
                List<String> violations = request.violations();
                if (violations.isEmpty()) {
                    alerts.add(request);
                    lines.add(frame.text());
                    count(channel, appliance, "alert");
                } else {
                    reject(channel, sourceAddress, appliance, "alert not valid: " + String.join(", ", violations), frame.text());
                }
            } else if (outcome instanceof ParseOutcome.Rejected rejected) {
                reject(channel, sourceAddress, appliance, rejected.reason(), frame.text());
            } else {
                count(channel, appliance, "ignored");
            }
        }
        if (alerts.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> published = new ArrayList<>(alerts.size());
        List<CompletableFuture<io.vigil.intake.webhook.AlertAccepted>> acks;
        try {
            acks = publisher.publishAllAsync(appliance, alerts);
        } catch (RuntimeException e) {
            acks = alerts.stream().map(a -> CompletableFuture.<io.vigil.intake.webhook.AlertAccepted>failedFuture(e))
                    .toList();
        }
        for (int i = 0; i < acks.size(); i++) {
            String line = lines.get(i);
            published.add(acks.get(i).exceptionally(error -> {
                LOG.warnf("Alert from appliance %s not durable, quarantined: %s", appliance.applianceId(),
                        error.getMessage());
                reject(channel, sourceAddress, appliance, "not durable (broker unavailable): " + error.getMessage(), line);
                return null;
            }));
        }
        return CompletableFuture.allOf(published.toArray(CompletableFuture[]::new));
    }

    /** A sender whose address is bound to no appliance: counted, never stored. */
    public void unknownSender(String channel, String sourceAddress) {
        metrics.counter("vigil.intake.syslog.unknown.sender", "channel", channel).increment();
        LOG.debugf("Syslog from %s, which is no appliance's source address", sourceAddress);
    }

    private void reject(String channel, String sourceAddress, AuthenticatedAppliance appliance, String reason,
            String line) {
        count(channel, appliance, "rejected");
        quarantine.add(channel, sourceAddress, appliance.applianceId(), appliance.schoolId(), reason, line);
    }

    private void count(String channel, AuthenticatedAppliance appliance, String outcome) {
        counters.computeIfAbsent(channel + "|" + appliance.vendor() + "|" + outcome, key -> metrics.counter(
                "vigil.intake.syslog.lines", "channel", channel, "vendor", appliance.vendor(), "outcome", outcome))
                .increment();
    }

    private VendorLogParser parserFor(String vendor) {
        return parsers.computeIfAbsent(vendor, v -> VendorParsers.forVendor(v, limits(), config.zone(), clock, Set.of())
                .or(() -> VendorParsers.forVendor("cef", limits(), config.zone(), clock, Set.of()))
                .orElseThrow());
    }

    private ParserLimits limits() {
        return new ParserLimits(config.maxLineLength(), ParserLimits.DEFAULTS.maxFields(),
                ParserLimits.DEFAULTS.maxFieldLength());
    }

    private SyslogParser headers() {
        SyslogParser parser = headers;
        if (parser == null) {
            parser = new SyslogParser(clock, config.zone());
            headers = parser;
        }
        return parser;
    }
}
