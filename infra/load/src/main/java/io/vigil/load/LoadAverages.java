package io.vigil.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine's one-minute load average sampled every few seconds while a benchmark runs, so its report
 * can say how busy the neighbours kept the cores: the lowest and highest seen.
 */
final class LoadAverages implements AutoCloseable {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "load-average");
        thread.setDaemon(true);
        return thread;
    });
    private double min = Double.NaN;
    private double max = Double.NaN;

    LoadAverages() {
        sampler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double now = Host.loadAverage();
        if (!Double.isNaN(now)) {
            min = Double.isNaN(min) ? now : Math.min(min, now);
            max = Double.isNaN(max) ? now : Math.max(max, now);
        }
    }

    synchronized double min() {
        return min;
    }

    synchronized double max() {
        sample();
        return max;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
