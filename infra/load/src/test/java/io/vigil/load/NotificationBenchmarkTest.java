package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationBenchmarkTest {

    @Test
    void aUsersFirstAcceptedAlertIsTheEarliest202AmongItsAlertsWhateverTheirOrder() {
        // Users of 3 alerts each: user 0 is alerts 0–2, user 1 alerts 3–5, user 2 alert 6 alone.
        long[] accepted = {500, 400, 600, 0, 0, 0, 900};
        WebhookLoad.Paced paced = new WebhookLoad.Paced(new ClientThreads.Outcome(4, Map.of(-1, 3L), 1, new long[0]),
                100, accepted, new long[7], new long[7]);
        assertThat(PacedIncidents.firstAcceptedByUser(paced, 3)).containsExactly(400, 0, 900);
    }
}
