package io.vigil.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples the CPU time of the services under test (intake, triage, notification…), the stack's JVM (the
 * Kafka broker), PostgreSQL and this process.
 */
final class CpuMeter {

    private final Map<String, Long> servicePids;
    private final long brokerPid;
    private final long postgresPid;

    /** {@code servicePids}: the process id of each service measured, by name, in the order to show them. */
    CpuMeter(Map<String, Long> servicePids, Path stackStateDir) {
        this.servicePids = new LinkedHashMap<>(servicePids);
        this.brokerPid = firstNumber(stackStateDir.resolve("stack.pid"));
        this.postgresPid = firstNumber(stackStateDir.resolve("postgres/data/postmaster.pid"));
    }

    /** Intake alone. */
    CpuMeter(long intakePid, Path stackStateDir) {
        this(Map.of("intake", intakePid), stackStateDir);
    }

    /** A reading; {@link Reading#since} turns two into the use between them. */
    record Reading(Map<String, Double> services, double broker, double postgres, double generator,
            ProcessCpu.Machine machine) {

        Measurement.CpuUse since(Reading earlier) {
            Map<String, Double> used = new LinkedHashMap<>();
            services.forEach((name, seconds) -> used.put(name, seconds - earlier.services.getOrDefault(name, 0.0)));
            return new Measurement.CpuUse(used, broker - earlier.broker, postgres - earlier.postgres,
                    generator - earlier.generator, machine.busySince(earlier.machine));
        }
    }

    Reading read() {
        Map<String, Double> services = new LinkedHashMap<>();
        servicePids.forEach((name, pid) -> services.put(name, ProcessCpu.seconds(pid)));
        return new Reading(services, ProcessCpu.seconds(brokerPid),
                postgresPid < 0 ? 0 : ProcessCpu.treeSeconds(postgresPid),
                ProcessCpu.seconds(ProcessHandle.current().pid()), ProcessCpu.Machine.now());
    }

    private static long firstNumber(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
