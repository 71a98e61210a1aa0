package io.vigil.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketServesItsBurstThenRefillsAtTheRate() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(100);
        long t0 = System.nanoTime();
        assertThat(bucket.take(100, 10, 100, t0)).isZero();
        assertThat(bucket.take(1, 10, 100, t0)).isEqualTo(1);
        assertThat(bucket.take(30, 10, 100, t0)).isEqualTo(3);
        assertThat(bucket.take(30, 10, 100, t0 + 3 * SECOND)).isZero();
        assertThat(bucket.take(1, 10, 100, t0 + 3 * SECOND)).isEqualTo(1);
    }

    @Test
    void theBucketNeverHoldsMoreThanItsCapacity() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(10);
        long t0 = System.nanoTime();
        assertThat(bucket.take(10, 10, 10, t0)).isZero();
        assertThat(bucket.take(11, 10, 10, t0 + 60 * SECOND)).isZero();
        assertThat(bucket.take(1, 10, 10, t0 + 60 * SECOND)).isEqualTo(1);
    }

    @Test
    void aRequestLargerThanTheBucketTakesAFullBucket() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(5);
        long t0 = System.nanoTime();
        assertThat(bucket.take(6, 1, 5, t0)).isZero();
        assertThat(bucket.take(3, 1, 10, t0)).isEqualTo(3);
        assertThat(bucket.take(3, 1, 10, t0 + 3 * SECOND)).isZero();
    }
}
