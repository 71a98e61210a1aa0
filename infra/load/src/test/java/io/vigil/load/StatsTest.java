package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    private static final long[] ONE_TO_HUNDRED = java.util.stream.LongStream.rangeClosed(1, 100).toArray();

    @Test
    void nearestRankPercentilesOfOneToAHundredAreTheirOwnRank() {
        assertThat(Stats.percentile(ONE_TO_HUNDRED, 50)).isEqualTo(50);
        assertThat(Stats.percentile(ONE_TO_HUNDRED, 99)).isEqualTo(99);
        assertThat(Stats.percentile(ONE_TO_HUNDRED, 99.5)).isEqualTo(100);
        assertThat(Stats.percentile(ONE_TO_HUNDRED, 100)).isEqualTo(100);
        assertThat(Stats.percentile(ONE_TO_HUNDRED, 0.1)).isEqualTo(1);
    }

    @Test
    void aPercentileIsAlwaysOneOfTheValues() {
        long[] sorted = {3, 7, 40};
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(7);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(40);
        assertThat(Stats.percentile(sorted, 34)).isEqualTo(7);
        assertThat(Stats.percentile(sorted, 33)).isEqualTo(3);
    }

    @Test
    void onlyTheCountedPrefixOfABufferIsUsed() {
        long[] buffer = {1, 2, 3, 0, 0};
        assertThat(Stats.percentile(buffer, 3, 100)).isEqualTo(3);
    }

    @Test
    void percentilesOutsideTheRangeOrOfNothingAreRefused() {
        assertThatThrownBy(() -> Stats.percentile(ONE_TO_HUNDRED, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(ONE_TO_HUNDRED, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(9, 1, 5)).isEqualTo(5);
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void ratiosDivideEachRepetitionByItsOwnBaseline() {
        assertThat(Stats.ratios(new double[] {50, 30}, new double[] {100, 120})).containsExactly(0.5, 0.25);
        assertThat(Stats.range(0.5, 0.25, 0.4)).isEqualTo(new Stats.Range(0.25, 0.5));
        assertThatThrownBy(() -> Stats.ratios(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
