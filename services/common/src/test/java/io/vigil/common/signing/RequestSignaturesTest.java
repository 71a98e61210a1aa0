package io.vigil.common.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestSignaturesTest {

    private static final String SECRET = "vgs_test-secret";
    private static final byte[] BODY = "{\"severity\":\"high\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void signsTheTimestampAndBodyWithHmacSha256() {
        // openssl dgst -sha256 -hmac vgs_test-secret over "1772442000.{"severity":"high"}"
        assertThat(RequestSignatures.sign(SECRET, NOW.getEpochSecond(), BODY))
                .isEqualTo("sha256=748bf755dc6ef9b6deacec19012e3279b835dd70d9bf7efa839e5579057e1d13");
    }

    @Test
    void verifiesWhatItSignedAndNothingElse() {
        long now = NOW.getEpochSecond();
        String signature = RequestSignatures.sign(SECRET, now, BODY);
        assertThatCode(() -> RequestSignatures.verify(SECRET, Long.toString(now), signature, BODY, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RequestSignatures.verify("vgs_other", Long.toString(now), signature, BODY, NOW))
                .isInstanceOf(ProblemException.class).hasMessageContaining("does not match");
        byte[] tampered = "{\"severity\":\"low\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RequestSignatures.verify(SECRET, Long.toString(now), signature, tampered, NOW))
                .isInstanceOf(ProblemException.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesATimestampOutsideTheReplayWindow() {
        long old = NOW.minus(RequestSignatures.REPLAY_WINDOW).getEpochSecond() - 1;
        String signature = RequestSignatures.sign(SECRET, old, BODY);
        assertThatThrownBy(() -> RequestSignatures.verify(SECRET, Long.toString(old), signature, BODY, NOW))
                .isInstanceOf(ProblemException.class).hasMessageContaining("minutes from the current time");
    }
}
