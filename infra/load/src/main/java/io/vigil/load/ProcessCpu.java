package io.vigil.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from Linux's {@code /proc}: of one process (all its threads), and of the whole machine. It
 * shows where the two cores went during a measurement, the neighbours' work included.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} times; 100 on every Linux build machine we use. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** User plus system CPU seconds of the process so far, or 0 if it cannot be read. */
    static double seconds(long pid) {
        try {
            return ofStatLine(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Sum over the process and its descendants alive now. */
    static double treeSeconds(long pid) {
        double total = seconds(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            total += seconds(child.pid());
        }
        return total;
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line, in seconds. */
    static double ofStatLine(String stat) {
        // The command name (field 2) may hold spaces; the fields that follow start after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Busy and total CPU seconds of the whole machine so far (all cores), from {@code /proc/stat}. */
    record Machine(double busy, double total) {

        static Machine now() {
            try {
                return ofCpuLine(Files.readAllLines(Path.of("/proc/stat")).get(0));
            } catch (IOException | RuntimeException e) {
                return new Machine(0, 0);
            }
        }

        static Machine ofCpuLine(String line) {
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new Machine((total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND);
        }

        /** Busy share of all cores between {@code earlier} and this, 0 to 1. */
        double busySince(Machine earlier) {
            double total = this.total - earlier.total;
            return total <= 0 ? 0 : (busy - earlier.busy) / total;
        }
    }
}
