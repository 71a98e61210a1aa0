package io.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
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
    void backoffDoublesWithUpToAQuarterOfJitterAndIsBounded() {
        UUID id = UUID.randomUUID();
        assertThat(DeliveryService.backoff(1, id)).isBetween(Duration.ofSeconds(10), Duration.ofMillis(12_500));
        assertThat(DeliveryService.backoff(2, id)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(25));
        assertThat(DeliveryService.backoff(50, id)).isEqualTo(DeliveryService.backoff(10, id))
                .isBetween(Duration.ofMinutes(5), Duration.ofMillis(375_000));
        assertThat(DeliveryService.backoff(3, id)).as("the same row waits the same on every replica")
                .isEqualTo(DeliveryService.backoff(3, id));
    }

    @Test
    void theNotifyMessageKindIsTheTemplateKeyWithoutVersionOrLanguage() {
        assertThat(DeliveryService.messageKind("parent-filtering-breach.v2.pl")).isEqualTo("parent-filtering-breach");
        assertThat(DeliveryService.messageKind("staff-incident-opened.v1")).isEqualTo("staff-incident-opened");
        assertThat(DeliveryService.messageKind("staff-digest")).isEqualTo("staff-digest");
    }

    @Test
    void rowsThatFailedTogetherComeBackAtDifferentTimes() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            waits.add(DeliveryService.backoff(1, UUID.randomUUID()));
        }
        assertThat(waits).hasSizeGreaterThan(150);
    }
}
