package io.vigil.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Java Flight Recording ({@code settings=profile}) of a service under test, started and stopped by {@code jcmd}. */
final class FlightRecording {

    private static final String NAME = "name=load";

    private FlightRecording() {
    }

    /** Starts recording process {@code pid} into {@code file}, written when {@link #stop} is called. */
    static void start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", NAME, "settings=profile", "filename=" + file);
    }

    static void stop(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", NAME);
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            Host.log("jcmd %s failed: %s", String.join(" ", command), output.trim());
        }
    }
}
