package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyCsvTest {

    @Test
    void oneRowPerSecondWithItsCountAndPercentilesAndEmptySecondsKept() {
        long ms = 1_000_000L;
        long[] samples = {
            100 * ms, 2 * ms,
            900 * ms, 4 * ms,
            950 * ms, 10 * ms,
            2_500 * ms, 7 * ms};
        assertThat(LatencyCsv.rows(2, samples)).containsExactly(
                "2,0,3,4.00,10.00,10.00",
                "2,1,0,,,",
                "2,2,1,7.00,7.00,7.00");
    }
}
