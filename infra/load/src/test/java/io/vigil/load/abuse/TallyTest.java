package io.vigil.load.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static Answer answer(String target, int status) {
        return new Answer(target, Mutation.NONE, 1, "GET /x", status, status >= 500 ? "5xx" : null);
    }

    @Test
    void theTargetsThatTookTheMostTimeInAllComeFirstWithTheirMeanAndShare() {
        Tally tally = new Tally();
        tally.add(answer("GET /quick", 400), 1_000_000);
        tally.add(answer("GET /quick", 404), 3_000_000);
        tally.add(answer("POST /upload", 202), 36_000_000);
        tally.add(answer("GET /broken", 500), 10_000_000);

        List<String> slowest = tally.slowest(2);

        assertThat(slowest).hasSize(2);
        assertThat(slowest.get(0)).startsWith("POST /upload").contains("1 answers").contains("mean     36.0 ms")
                .contains(" 72.0 % of the time");
        assertThat(slowest.get(1)).startsWith("GET /broken").contains("mean     10.0 ms").contains(" 20.0 %");
        assertThat(tally.nanosByTarget()).containsEntry("GET /quick", 4_000_000L);
        assertThat(tally.slowest(5).get(2)).startsWith("GET /quick").contains("2 answers").contains("mean      2.0 ms");
        assertThat(tally.total()).isEqualTo(4);
        assertThat(tally.serverErrors()).isEqualTo(1);
    }

    @Test
    void aRunWithNoAnswersHasNoSlowestTarget() {
        assertThat(new Tally().slowest(10)).isEmpty();
    }
}
