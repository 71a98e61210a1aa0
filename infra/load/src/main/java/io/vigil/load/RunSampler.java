package io.vigil.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples a long run every few seconds from outside the services: how many records each consumer has
 * still to commit (its lag, from the group's committed offsets and the topic's ends) and each service's
 * resident memory (VmRSS of its process). Reading offsets through the admin API costs the broker a little;
 * every five seconds it is noise beside a thousand alerts a second.
 */
final class RunSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<LatencyPlot.Sample> samples = new ArrayList<>();
    private final String bootstrap;
    private final ServiceGroup alertsGroup;
    private final ServiceGroup incidentsGroup;
    private final Map<TopicPartition, Long> alertsFrom;
    private final Map<TopicPartition, Long> incidentsFrom;
    private final String alertsTopic;
    private final String incidentsTopic;
    private final Map<String, Long> pids;
    private final long startNanos = System.nanoTime();

    /**
     * @param alertsFrom where triage's records of the run begin; {@code incidentsFrom} the same for notification
     * @param pids the services' processes by name ({@code intake}, {@code triage}, {@code notification})
     */
    RunSampler(String bootstrap, ServiceGroup alertsGroup, String alertsTopic, Map<TopicPartition, Long> alertsFrom,
            ServiceGroup incidentsGroup, String incidentsTopic, Map<TopicPartition, Long> incidentsFrom,
            Map<String, Long> pids, long everySeconds) {
        this.bootstrap = bootstrap;
        this.alertsGroup = alertsGroup;
        this.alertsTopic = alertsTopic;
        this.alertsFrom = alertsFrom;
        this.incidentsGroup = incidentsGroup;
        this.incidentsTopic = incidentsTopic;
        this.incidentsFrom = incidentsFrom;
        this.pids = pids;
        timer.scheduleAtFixedRate(this::sample, 0, everySeconds, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            long triageLag = alertsGroup.behind(alertsFrom, TopicEnds.of(bootstrap, alertsTopic));
            long notificationLag = incidentsGroup.behind(incidentsFrom, TopicEnds.of(bootstrap, incidentsTopic));
            LatencyPlot.Sample sample = new LatencyPlot.Sample((System.nanoTime() - startNanos) / 1e9, triageLag,
                    notificationLag, residentMiB(pids.get("intake")), residentMiB(pids.get("triage")),
                    residentMiB(pids.get("notification")));
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Host.log("  (a sample failed: %s)", e);
        }
    }

    /** The samples so far, in order. */
    List<LatencyPlot.Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** A process's resident memory in MiB from {@code /proc/<pid>/status}; NaN where there is no such file. */
    static double residentMiB(Long pid) {
        if (pid == null) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
