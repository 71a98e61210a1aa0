package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    private static final Pattern USER = Pattern.compile("user=\"([^\"]+)\"");

    @Test
    void everyFortiGateLineHasItsOwnUserAndIsDifferentSoItsAlertIdDiffers() {
        String marker = Markers.next();
        Set<String> lines = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String line = FortiGateLines.line(marker, i);
            lines.add(line);
            Matcher user = USER.matcher(line);
            assertThat(user.find()).isTrue();
            assertThat(user.group(1)).startsWith(marker);
            users.add(user.group(1));
            assertThat(line).contains("subtype=\"webfilter\"", "action=\"blocked\"").doesNotContain("\n");
        }
        assertThat(lines).hasSize(10_000);
        assertThat(users).hasSize(10_000);
    }

    @Test
    void chunksHoldEveryLineOfTheirRangeOnceInOrderAndNoneIsSplit() {
        String marker = Markers.next();
        List<byte[]> chunks = FortiGateLines.chunks(marker, 100, 1_100, 4096);
        assertThat(chunks).hasSizeGreaterThan(1);
        StringBuilder all = new StringBuilder();
        for (byte[] chunk : chunks) {
            String text = new String(chunk, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            all.append(text);
        }
        List<String> expected = IntStream.range(100, 1_100).mapToObj(i -> FortiGateLines.line(marker, i)).toList();
        assertThat(all.toString().split("\n")).containsExactlyElementsOf(expected);
    }

    @Test
    void aBatchHoldsItsAlertsWithDistinctEventIds() {
        String marker = Markers.next();
        String batch = new String(WebhookAlerts.batch(marker, 2_000, 1_000), StandardCharsets.UTF_8);
        assertThat(batch).startsWith("{\"alerts\":[{").endsWith("}]}");
        Matcher ids = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(batch);
        Set<String> distinct = new HashSet<>();
        int count = 0;
        while (ids.find()) {
            count++;
            distinct.add(ids.group(1));
            assertThat(ids.group(1)).startsWith(marker + "-");
        }
        assertThat(count).isEqualTo(1_000);
        assertThat(distinct).hasSize(1_000).contains(marker + "-2000", marker + "-2999");
    }

    @Test
    void markersHaveOneLengthSoNoneContainsAnother() {
        Set<String> markers = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String marker = Markers.next();
            assertThat(marker).hasSize(Markers.LENGTH).matches("L[a-z0-9]+");
            markers.add(marker);
        }
        assertThat(markers).hasSize(1_000);
    }
}
