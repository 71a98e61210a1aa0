package io.vigil.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark runs on, and its console. */
final class Host {

    private Host() {
    }

    /** Cores, memory, CPU model and JDK, as a line. */
    static String describe() {
        String model = "unknown CPU";
        long memKb = 0;
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            // Left as unknown.
        }
        return String.format(Locale.ROOT, "%d cores (nproc), %.0f GiB RAM, %s, Java %s",
                Runtime.getRuntime().availableProcessors(), memKb / 1024.0 / 1024.0, model,
                System.getProperty("java.version"));
    }

    /**
     * The machine's one-minute load average ({@code /proc/loadavg}): how many processes wanted a core, the
     * neighbours' included; NaN if it cannot be read.
     */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A progress line on the console. */
    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[load] " + format + "%n", args);
    }
}
