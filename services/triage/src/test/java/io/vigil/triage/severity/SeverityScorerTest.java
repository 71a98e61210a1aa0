package io.vigil.triage.severity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.triage.severity.SeverityScorer.Inputs;
import io.vigil.triage.severity.SeverityScorer.Learner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityScorerTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A Wednesday, 10:15 in London. */
    private static final Instant SCHOOL_HOURS = Instant.parse("2026-11-18T10:15:00Z");

    private static SeverityScorer.Score score(PolicyCategory category, Integer vendorSeverity, Learner learner,
            int alerts, Instant when) {
        return SeverityScorer.score(new Inputs(category, vendorSeverity, learner, alerts, when, LONDON));
    }

    @ParameterizedTest(name = "{0} alone is {1}")
    @CsvSource({
        "child-sexual-abuse-material, critical", "terrorist-content, critical", "self-harm, high",
        "suicide, high", "grooming-sexual-exploitation, high", "extremism, high", "monitoring-failure, high",
        "pornography, medium", "bullying, medium", "unclassified, medium", "gambling, low", "piracy, low"
    })
    void eachCategoryHasABaseSeverity(String category, String severity) {
        assertThat(score(PolicyCategory.fromSlug(category), null, Learner.UNKNOWN, 1, SCHOOL_HOURS).severity())
                .isEqualTo(Severity.fromWire(severity));
    }

    @Test
    void aggravatingFactorsRaiseItOneStepEachWithAReason() {
        Learner vulnerable = new Learner(LocalDate.parse("2018-05-01"), true, true, false);
        SeverityScorer.Score score = score(PolicyCategory.PORNOGRAPHY, 4, vulnerable, 1, SCHOOL_HOURS);
        assertThat(score.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(score.reasons()).containsExactly("Category pornography: medium", "The vendor rates it 4 of 5",
                "The learner is looked after and has special educational needs or a disability",
                "The learner is 8 (primary age)");
    }

    @Test
    void repetitionAndNightRaiseSelfHarm() {
        Instant night = Instant.parse("2026-11-18T23:40:00Z");
        SeverityScorer.Score score = score(PolicyCategory.GAMBLING, null, Learner.UNKNOWN, 5, night);
        assertThat(score.severity()).as("night does not matter for gambling").isEqualTo(Severity.MEDIUM);
        assertThat(score.reasons()).contains("5 alerts within the correlation window");
        SeverityScorer.Score selfHarm = score(PolicyCategory.SELF_HARM, null, Learner.UNKNOWN, 1, night);
        assertThat(selfHarm.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(selfHarm.reasons()).contains("At night (23:40)");
    }

    @Test
    void illegalContentIsCriticalWhateverElseIsKnown() {
        SeverityScorer.Score score = score(PolicyCategory.TERRORIST_CONTENT, 1, Learner.UNKNOWN, 1, SCHOOL_HOURS);
        assertThat(score.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(score.reasons()).singleElement().asString().contains("Illegal content");
    }

    @Test
    void anOlderLearnerIsNotRaisedForAge() {
        Learner teenager = new Learner(LocalDate.parse("2010-01-01"), false, false, false);
        assertThat(score(PolicyCategory.VIOLENCE, null, teenager, 1, SCHOOL_HOURS).severity())
                .isEqualTo(Severity.MEDIUM);
    }
}
