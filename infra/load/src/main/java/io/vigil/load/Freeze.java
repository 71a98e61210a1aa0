package io.vigil.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A running service held still with {@code kill -STOP} (every thread, its Kafka consumers' heartbeats
 * too) and let go with {@code kill -CONT}, so records can wait on a topic for a process that is already
 * warm. Kafka's consumer session times out after 45 s without a heartbeat, so a freeze must stay well
 * under that or the group rebalances. Closing resumes the process if it still is frozen.
 */
final class Freeze implements AutoCloseable {

    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);
    /** The longest freeze that stays clear of the consumer session timeout (45 s). */
    static final double MOST_SECONDS = 30;

    private final long pid;
    private final long stoppedAt;
    private long resumedAt = -1;

    private Freeze(long pid, long stoppedAt) {
        this.pid = pid;
        this.stoppedAt = stoppedAt;
    }

    /** Stops process {@code pid}; answers once Linux shows it stopped. */
    static Freeze stop(long pid) throws IOException, InterruptedException {
        signal("STOP", pid);
        long stoppedAt = System.nanoTime();
        long deadline = stoppedAt + SIGNAL_TIMEOUT.toNanos();
        while (!stopped(pid)) {
            if (System.nanoTime() > deadline) {
                signal("CONT", pid);
                throw new IllegalStateException("Process " + pid + " did not stop within " + SIGNAL_TIMEOUT);
            }
            Thread.sleep(1);
        }
        return new Freeze(pid, stoppedAt);
    }

    /**
     * Lets the process run again; answers {@link System#nanoTime()} taken just before {@code kill -CONT}
     * is started (the few milliseconds that takes count against the process, not for it).
     */
    long resume() throws IOException, InterruptedException {
        if (resumedAt < 0) {
            long at = System.nanoTime();
            signal("CONT", pid);
            resumedAt = at;
        }
        return resumedAt;
    }

    /** Seconds from the stop to the resume (or to now, if still frozen). */
    double seconds() {
        return ((resumedAt < 0 ? System.nanoTime() : resumedAt) - stoppedAt) / 1e9;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        resume();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes()).trim();
        if (!kill.waitFor(SIGNAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
        }
    }

    /** Whether {@code /proc/<pid>/stat} shows the process stopped (state T). */
    private static boolean stopped(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces; the state follows its ')'.
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }
}
