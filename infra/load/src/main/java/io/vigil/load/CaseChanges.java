package io.vigil.load;

import io.vigil.stack.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Status changes of cases over triage's REST API, as the school's safeguarding lead makes them: each
 * open case acknowledged, closed with an outcome, and reopened, one request after another, by a few
 * clients at once, each with its own keep-alive connection and the lead's real access token.
 */
final class CaseChanges {

    /** The status changes made to each case, in order: path and body. */
    static final List<String[]> STEPS = List.of(
            new String[] {"/acknowledge", ""},
            new String[] {"/close", "{\"outcome\":\"handled-in-school\",\"summary\":\"Spoke to the learner; "
                    + "e-safety session booked\"}"},
            new String[] {"/reopen", "{\"reason\":\"The learner tried again the next day\"}"});

    private static final int OK = 200;

    private final int port;
    private final String token;

    CaseChanges(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** Every step of {@link #STEPS} for every case, {@code clients} at a time; the cases are shared out. */
    ClientThreads.Outcome run(List<UUID> cases, int clients) throws InterruptedException {
        byte[][] bodies = STEPS.stream().map(s -> s[1].getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        return ClientThreads.run(clients, Duration.ofHours(1).toNanos(), OK, t -> {
            HttpConnection connection = new HttpConnection(Ports.HOST, port);
            int[] next = {t * STEPS.size()};
            return () -> {
                int at = next[0];
                int caseIndex = at / STEPS.size();
                if (caseIndex >= cases.size()) {
                    connection.close();
                    return ClientThreads.DONE;
                }
                int step = at % STEPS.size();
                // Case t, t + clients, t + 2 × clients… belong to client t.
                next[0] = step + 1 < STEPS.size() ? at + 1 : (caseIndex + clients) * STEPS.size();
                String path = "/api/v1/incidents/" + cases.get(caseIndex) + STEPS.get(step)[0];
                try {
                    return connection.post(HttpConnection.head(Ports.HOST, port, path, "Authorization",
                            "Bearer " + token), bodies[step]);
                } catch (IOException e) {
                    return -1;
                }
            };
        });
    }

    /** Number of status changes {@link #run} makes for {@code cases} cases. */
    static long changes(int cases) {
        return (long) cases * STEPS.size();
    }
}
