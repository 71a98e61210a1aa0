package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void userAndSystemTimeAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9071 0 0 0 1250 375 0 0 20 0 40 0 12345";
        assertThat(ProcessCpu.ofStatLine(stat)).isCloseTo(16.25, within(1e-9));
    }

    @Test
    void theMachineIsBusyForAllButIdleAndIoWait() {
        ProcessCpu.Machine before = ProcessCpu.Machine.ofCpuLine("cpu  100 0 100 700 100 0 0 0 0 0");
        ProcessCpu.Machine after = ProcessCpu.Machine.ofCpuLine("cpu  250 0 150 850 150 0 0 0 0 0");
        assertThat(after.busySince(before)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isGreaterThan(0);
    }
}
