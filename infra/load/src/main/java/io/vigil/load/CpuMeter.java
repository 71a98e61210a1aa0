package io.vigil.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the CPU time of intake, the stack's JVM (the Kafka broker), PostgreSQL and this process. */
final class CpuMeter {

    private final long intakePid;
    private final long brokerPid;
    private final long postgresPid;

    CpuMeter(long intakePid, Path stackStateDir) {
        this.intakePid = intakePid;
        this.brokerPid = firstNumber(stackStateDir.resolve("stack.pid"));
        this.postgresPid = firstNumber(stackStateDir.resolve("postgres/data/postmaster.pid"));
    }

    /** A reading; {@link Reading#since} turns two into the use between them. */
    record Reading(double intake, double broker, double postgres, double generator, ProcessCpu.Machine machine) {

        Measurement.CpuUse since(Reading earlier) {
            return new Measurement.CpuUse(intake - earlier.intake, broker - earlier.broker,
                    postgres - earlier.postgres, generator - earlier.generator, machine.busySince(earlier.machine));
        }
    }

    Reading read() {
        return new Reading(ProcessCpu.seconds(intakePid), ProcessCpu.seconds(brokerPid),
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
