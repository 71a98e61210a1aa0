package io.vigil.triage.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.taxonomy.PolicyCategory;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which alerts a silence covers: every matcher it has, within its period, never illegal content. */
class SilenceTest {

    private static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant END = Instant.parse("2026-11-24T17:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "everything matches,               trust-a, north, fgt-1, gambling,   Kiosk-2, -,       2026-11-24T10:00:00Z, true",
        "the device matches the subject,   trust-a, north, fgt-1, gambling,   -,       KIOSK-2, 2026-11-24T10:00:00Z, true",
        "another trust,                    trust-b, north, fgt-1, gambling,   kiosk-2, -,       2026-11-24T10:00:00Z, false",
        "another school,                   trust-a, south, fgt-1, gambling,   kiosk-2, -,       2026-11-24T10:00:00Z, false",
        "another appliance,                trust-a, north, fgt-9, gambling,   kiosk-2, -,       2026-11-24T10:00:00Z, false",
        "another category,                 trust-a, north, fgt-1, drugs,      kiosk-2, -,       2026-11-24T10:00:00Z, false",
        "another user,                     trust-a, north, fgt-1, gambling,   pupil-7, -,       2026-11-24T10:00:00Z, false",
        "before it starts,                 trust-a, north, fgt-1, gambling,   kiosk-2, -,       2026-11-24T08:59:59Z, false",
        "at its end,                       trust-a, north, fgt-1, gambling,   kiosk-2, -,       2026-11-24T17:00:00Z, false",
        "at its start,                     trust-a, north, fgt-1, gambling,   kiosk-2, -,       2026-11-24T09:00:00Z, true"
    })
    void aSilenceCoversAnAlertOnlyWhenEveryMatcherAndItsPeriodDo(String name, String trust, String school,
            String appliance, String category, String user, String device, String at, boolean silenced) {
        Silence silence = silence("north", "fgt-1", "gambling", "kiosk-2");
        assertThat(silence.matches(new Silence.Facts(trust, school, appliance, PolicyCategory.fromSlug(category), user,
                device, Instant.parse(at)))).isEqualTo(silenced);
    }

    @Test
    void missingMatchersMatchAnything() {
        Silence appliance = silence(null, "fgt-1", null, null);
        assertThat(appliance.matches(facts("south", "fgt-1", PolicyCategory.SELF_HARM, "anyone"))).isTrue();
        assertThat(appliance.matches(facts("south", "fgt-2", PolicyCategory.SELF_HARM, "anyone"))).isFalse();
    }

    @Test
    void illegalContentIsNeverSilencedWhateverTheMatchers() {
        Silence appliance = silence(null, "fgt-1", null, null);
        for (PolicyCategory category : PolicyCategory.values()) {
            boolean matched = appliance.matches(facts("north", "fgt-1", category, "kiosk-2"));
            assertThat(matched).as(category.slug()).isEqualTo(!category.illegalContent());
        }
    }

    @Test
    void expiringEarlyEndsItThenAndItsStateFollows() {
        Silence silence = silence("north", "fgt-1", null, null);
        Instant noon = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(silence.state(START.minusSeconds(1))).isEqualTo("pending");
        assertThat(silence.state(noon)).isEqualTo("active");
        silence.expiredAt = noon;
        assertThat(silence.state(noon)).isEqualTo("expired");
        assertThat(silence.matches(new Silence.Facts("trust-a", "north", "fgt-1", PolicyCategory.GAMBLING, null, null,
                noon.minusSeconds(1)))).isTrue();
        assertThat(silence.matches(new Silence.Facts("trust-a", "north", "fgt-1", PolicyCategory.GAMBLING, null, null,
                noon))).isFalse();
        assertThat(silence.state(END)).isEqualTo("expired");
    }

    private static Silence.Facts facts(String school, String appliance, PolicyCategory category, String user) {
        return new Silence.Facts("trust-a", school, appliance, category, user, null, Instant.parse("2026-11-24T10:00:00Z"));
    }

    private static Silence silence(String school, String appliance, String category, String subject) {
        Silence silence = new Silence();
        silence.id = UUID.randomUUID();
        silence.trustId = "trust-a";
        silence.schoolId = school;
        silence.applianceId = appliance;
        silence.category = category;
        silence.subject = subject;
        silence.startsAt = START;
        silence.endsAt = END;
        return silence;
    }
}
