package io.vigil.load.abuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an abuse run sent and what came of it: the answers of the HTTP endpoints, the syslog messages
 * against intake's counters and quarantine, the report uploads, and whether the listener still turns a
 * good line into an incident. {@link #discrepancies()} lists everything that is not as it must be.
 */
public final class AbuseReport {

    private final AbuseRun.Options options;
    private final Map<String, String> vendorAppliances;
    private final String csvAppliance;
    private final Tally http = new Tally();
    private final Map<String, SyslogExpectations> syslog = new ConcurrentHashMap<>();
    private final Map<String, List<String>> quarantined = new TreeMap<>();
    private final Map<String, Boolean> ready = new TreeMap<>();
    private final AtomicLong csvUploads = new AtomicLong();
    private final AtomicLong csvRows = new AtomicLong();
    private final AtomicLong csvRejectedRows = new AtomicLong();
    private IntakeCounters before;
    private IntakeCounters after;
    private boolean listenerAlive;
    private Duration sending = Duration.ZERO;
    private final Map<String, Duration> streams = new ConcurrentHashMap<>();

    AbuseReport(AbuseRun.Options options, Map<String, String> vendorAppliances, String csvAppliance) {
        this.options = options;
        this.vendorAppliances = Map.copyOf(vendorAppliances);
        this.csvAppliance = csvAppliance;
    }

    public Tally http() {
        return http;
    }

    SyslogExpectations syslog(String channel, String vendor) {
        return syslog.computeIfAbsent(channel + "|" + vendor, k -> new SyslogExpectations());
    }

    void csvUploaded(int rows, int rejected) {
        csvUploads.incrementAndGet();
        csvRows.addAndGet(rows);
        csvRejectedRows.addAndGet(rejected);
    }

    long csvRejectedRows() {
        return csvRejectedRows.get();
    }

    void sendingTook(Duration duration) {
        sending = duration;
    }

    /** Records when a stream of inputs was all sent; the stream's time is its last sender's. */
    void streamFinished(String stream, Duration since) {
        streams.merge(stream, since, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    public double sendingSeconds() {
        return sending.toMillis() / 1000.0;
    }

    void counted(IntakeCounters before, IntakeCounters after) {
        this.before = before;
        this.after = after;
    }

    void quarantined(String source, List<String> reasons) {
        quarantined.put(source, List.copyOf(reasons));
    }

    void listenerAlive(boolean alive) {
        listenerAlive = alive;
    }

    void ready(String service, boolean up) {
        ready.put(service, up);
    }

    public boolean listenerAlive() {
        return listenerAlive;
    }

    /** Whether intake has counted every syslog message sent, on every channel and vendor. */
    boolean allCounted(IntakeCounters before, IntakeCounters now) {
        return syslog.entrySet().stream().allMatch(e -> {
            String[] key = e.getKey().split("\\|");
            return now.lines(key[0], key[1]) - before.lines(key[0], key[1]) >= e.getValue().sent();
        });
    }

    private long delta(String channel, String vendor, String outcome) {
        return after.lines(channel, vendor, outcome) - before.lines(channel, vendor, outcome);
    }

    /** Syslog messages sent in all. */
    public long syslogSent() {
        return syslog.values().stream().mapToLong(SyslogExpectations::sent).sum();
    }

    /** Everything that is not as it must be; empty for a run that found nothing. */
    public List<String> discrepancies() {
        List<String> found = new ArrayList<>();
        if (http.faults() > 0) {
            found.add(http.faults() + " HTTP answers were not acceptable (" + http.serverErrors() + " of them 5xx), e.g.:");
            http.keptFaults().stream().limit(20).forEach(a -> found.add("  input " + a.index() + " to " + a.target()
                    + ": " + a.fault() + "\n    request: " + a.request()));
        }
        Map<String, Long> rejectedByChannel = new TreeMap<>();
        for (Map.Entry<String, SyslogExpectations> e : new TreeMap<>(syslog).entrySet()) {
            String[] key = e.getKey().split("\\|");
            SyslogExpectations expected = e.getValue();
            long counted = after.lines(key[0], key[1]) - before.lines(key[0], key[1]);
            long rejected = delta(key[0], key[1], "rejected");
            rejectedByChannel.merge(key[0], rejected, Long::sum);
            if (counted != expected.sent()) {
                found.add(key[0] + " " + key[1] + ": " + expected.sent() + " messages sent, intake counted " + counted);
            }
            if (rejected < expected.mustReject()) {
                found.add(key[0] + " " + key[1] + ": " + expected.mustReject() + " messages can only be quarantined, "
                        + "intake rejected " + rejected);
            }
            if (delta(key[0], key[1], "alert") < expected.valid()) {
                found.add(key[0] + " " + key[1] + ": " + expected.valid() + " good lines sent, intake made "
                        + delta(key[0], key[1], "alert") + " alerts");
            }
        }
        rejectedByChannel.forEach((channel, rejected) -> {
            long metric = after.quarantined(channel) - before.quarantined(channel);
            if (metric != rejected) {
                found.add("vigil_intake_quarantined_total{channel=\"" + channel + "\"} rose by " + metric
                        + ", but intake rejected " + rejected + " lines");
            }
        });
        long overflow = after.overflow(AbuseRun.InputChannel.TCP) - before.overflow(AbuseRun.InputChannel.TCP)
                + after.overflow(AbuseRun.InputChannel.UDP) - before.overflow(AbuseRun.InputChannel.UDP);
        long held = 0;
        for (Map.Entry<String, String> appliance : vendorAppliances.entrySet()) {
            String vendor = appliance.getKey();
            List<String> reasons = quarantined.getOrDefault(vendor, List.of());
            held += reasons.size();
            long rejected = delta(AbuseRun.InputChannel.TCP, vendor, "rejected")
                    + delta(AbuseRun.InputChannel.UDP, vendor, "rejected");
            if (overflow == 0 && reasons.size() != rejected) {
                found.add(vendor + ": intake rejected " + rejected + " lines, its quarantine holds " + reasons.size());
            }
            Map<String, Long> expected = new TreeMap<>();
            for (String channel : List.of(AbuseRun.InputChannel.TCP, AbuseRun.InputChannel.UDP)) {
                syslog(channel, vendor).decoderReasons().forEach((r, n) -> expected.merge(r, n, Long::sum));
            }
            expected.forEach((reason, n) -> {
                long withReason = reasons.stream().filter(r -> r.startsWith(reason)).count();
                // Quarantined input intake's queue had no room for is counted, not kept.
                if (overflow == 0 ? withReason != n : withReason > n) {
                    found.add(vendor + ": " + n + " messages must be quarantined as '" + reason + "', " + withReason
                            + " were");
                }
            });
        }
        long rejectedAll = rejectedByChannel.values().stream().mapToLong(Long::longValue).sum();
        if (held + overflow != rejectedAll) {
            found.add("intake rejected " + rejectedAll + " syslog lines; its quarantine holds " + held + " and "
                    + overflow + " did not fit its queue");
        }
        long csvHeld = quarantined.getOrDefault("csv", List.of()).size();
        if (csvHeld != csvRejectedRows.get() && after.overflow("csv") == before.overflow("csv")) {
            found.add("report uploads: answers counted " + csvRejectedRows.get() + " rejected rows, the quarantine holds "
                    + csvHeld);
        }
        long csvMetric = after.quarantined("csv") - before.quarantined("csv");
        long csvOverflow = after.overflow("csv") - before.overflow("csv");
        long csvAll = csvHeld + quarantined.getOrDefault("csv (endpoint abuse)", List.of()).size();
        if (csvMetric != csvAll + csvOverflow) {
            found.add("vigil_intake_quarantined_total{channel=\"csv\"} rose by " + csvMetric + ", the quarantine holds "
                    + csvAll + " and " + csvOverflow + " did not fit its queue");
        }
        if (!listenerAlive) {
            found.add("a good syslog line sent after the abuse did not reach triage as an incident");
        }
        ready.forEach((service, up) -> {
            if (!up) {
                found.add(service + " is not ready after the abuse");
            }
        });
        return found;
    }

    /** A plain-text summary for the console and the results file. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        long inputs = http.total() + syslogSent();
        out.append(String.format("Input abuse, seed %d: %,d inputs sent in %.1f s%n", options.seed(), inputs,
                sendingSeconds()));
        new TreeMap<>(streams).forEach((stream, took) -> out.append(String.format("  %s all sent after %.1f s%n", stream,
                took.toMillis() / 1000.0)));
        out.append(String.format("%nHTTP (%,d requests, %,d of them uploads of spoilt report exports):%n",
                http.total(), http.byTarget().getOrDefault(AbuseRun.EXPORTS, 0L)));
        http.byTarget().forEach((target, n) -> out.append(String.format("  %-78s %,9d%n", target, n)));
        out.append("  where the senders waited (the targets whose answers took the most time in all):\n");
        http.slowest(10).forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("  answers by status: ").append(http.byStatus()).append('\n');
        out.append("  inputs by mutation: ").append(http.byMutation()).append('\n');
        out.append(String.format("  5xx: %,d; 4xx that are not problem+json, or no answer: %,d%n", http.serverErrors(),
                http.faults() - http.serverErrors()));
        out.append(String.format("%nSyslog (%,d messages):%n", syslogSent()));
        out.append(String.format("  %-26s %9s %9s %9s %9s %9s%n", "channel / vendor", "sent", "alert", "ignored",
                "rejected", "must-rej"));
        for (Map.Entry<String, SyslogExpectations> e : new TreeMap<>(syslog).entrySet()) {
            String[] key = e.getKey().split("\\|");
            out.append(String.format("  %-26s %,9d %,9d %,9d %,9d %,9d%n", key[0] + " " + key[1], e.getValue().sent(),
                    delta(key[0], key[1], "alert"), delta(key[0], key[1], "ignored"), delta(key[0], key[1], "rejected"),
                    e.getValue().mustReject()));
        }
        for (String channel : List.of("syslog-tcp", "syslog-udp", "csv")) {
            out.append(String.format("  vigil_intake_quarantined_total{channel=\"%s\"} +%,d (not kept, queue full: %,d)%n",
                    channel, after.quarantined(channel) - before.quarantined(channel),
                    after.overflow(channel) - before.overflow(channel)));
        }
        out.append(String.format("%nReport uploads of spoilt exports read (202): %,d, with %,d rows, %,d of them rejected"
                + "%n", csvUploads.get(), csvRows.get(), csvRejectedRows.get()));
        out.append("\nQuarantined, by reason:\n");
        quarantined.forEach((source, reasons) -> {
            Map<String, Long> kinds = new TreeMap<>();
            reasons.forEach(r -> kinds.merge(QuarantineReasons.kind(r), 1L, Long::sum));
            out.append(String.format("  %s (%,d):%n", source, reasons.size()));
            kinds.forEach((kind, n) -> out.append(String.format("    %,7d  %s%n", n, kind)));
        });
        out.append(String.format("%nListener alive (a good line over TCP and UDP reached triage): %s%n",
                listenerAlive ? "yes" : "NO"));
        out.append("Services ready after the abuse: ").append(ready).append('\n');
        List<String> discrepancies = discrepancies();
        out.append(discrepancies.isEmpty() ? "\nNothing escaped: no 5xx, every rejection a problem+json, every input"
                + " accounted for.\n" : "\nFound:\n" + String.join("\n", discrepancies) + "\n");
        return out.toString();
    }
}
