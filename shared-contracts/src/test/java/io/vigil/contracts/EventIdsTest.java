package io.vigil.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventIds;
import io.vigil.contracts.envelope.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void anIdIsAVersion7UuidOfTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(EventIds.next());
        long after = System.currentTimeMillis();

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, millis + " not within " + before + ".." + after);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(EventIds.next());
            Thread.sleep(2);
        }
        // As stored (text in a B-tree): each later id sorts after the one before.
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
    }

    @Test
    void idsAreUniqueAndRandomWithinAMillisecond() {
        Set<String> ids = new HashSet<>();
        Set<Long> randomParts = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = EventIds.next();
            ids.add(id);
            randomParts.add(UUID.fromString(id).getLeastSignificantBits());
        }
        assertEquals(100_000, ids.size());
        assertEquals(100_000, randomParts.size());
    }

    @Test
    void aNewEnvelopeGetsATimeOrderedId() {
        Samples.Sample sample = Samples.first(EventType.ALERT_RECEIVED_V1);
        var event = EventCodec.envelope(sample.source(), sample.payload(), sample.subject(), Samples.TRUST,
                sample.schoolId(), null, sample.time());
        assertEquals(7, UUID.fromString(event.id()).version());
    }
}
