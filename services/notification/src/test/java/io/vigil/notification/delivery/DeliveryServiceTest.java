package io.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryServiceTest {

    @Test
    void smtpFiveHundredRepliesArePermanentAndOthersAreNot() {
        assertThat(DeliveryService.isPermanent(new RuntimeException("550 5.1.1 mailbox unavailable"))).isTrue();
        assertThat(DeliveryService.isPermanent(new RuntimeException("wrapped",
                new IllegalStateException("553 sender rejected")))).isTrue();
        assertThat(DeliveryService.isPermanent(new RuntimeException("421 try again later"))).isFalse();
        assertThat(DeliveryService.isPermanent(new RuntimeException("Connection refused"))).isFalse();
        assertThat(DeliveryService.isPermanent(new RuntimeException("sending data failed: 554 5.7.1 rejected"))).isTrue();
        assertThat(DeliveryService.isPermanent(new RuntimeException("database did not answer after 500 ms"))).isFalse();
    }

    @Test
    void backoffDoublesAndIsBounded() {
        assertThat(DeliveryService.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeliveryService.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(DeliveryService.backoff(50)).isEqualTo(DeliveryService.backoff(10));
    }
}
