package io.vigil.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.problem.ProblemException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Periods of the academic year in England, their terms, the previous period and what is refused. */
class ReportPeriodTest {

    private static final TermsConfig DEFAULT_TERMS = terms("01-01", "04-01");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void aYearRunsFromSeptemberToAugust() {
        ReportPeriod year = ReportPeriod.parse("2025-26", DEFAULT_TERMS, TODAY);
        assertThat(year.from()).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(year.toExclusive()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(year.to()).isEqualTo(LocalDate.of(2026, 8, 31));
        assertThat(year.term()).isFalse();
        assertThat(year.previous(DEFAULT_TERMS).id()).isEqualTo("2024-25");
        assertThat(ReportPeriod.parse("2099-00", DEFAULT_TERMS, LocalDate.of(2100, 1, 1)).toExclusive())
                .isEqualTo(LocalDate.of(2100, 9, 1));
    }

    @Test
    void termsCoverTheYearWithoutGapsAndFollowConfiguration() {
        ReportPeriod autumn = ReportPeriod.parse("2025-26-autumn", DEFAULT_TERMS, TODAY);
        ReportPeriod spring = ReportPeriod.parse("2025-26-SPRING", DEFAULT_TERMS, TODAY);
        ReportPeriod summer = ReportPeriod.parse("2025-26-summer", DEFAULT_TERMS, TODAY);
        assertThat(autumn.from()).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(autumn.toExclusive()).isEqualTo(spring.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(spring.toExclusive()).isEqualTo(summer.from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(summer.toExclusive()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(spring.label()).isEqualTo("Spring term 2025-26");
        assertThat(spring.previous(DEFAULT_TERMS)).isEqualTo(autumn);
        assertThat(summer.previous(DEFAULT_TERMS)).isEqualTo(spring);
        assertThat(autumn.previous(DEFAULT_TERMS).id()).isEqualTo("2024-25-summer");

        TermsConfig easter = terms("01-05", "04-20");
        ReportPeriod springAfterEaster = ReportPeriod.parse("2025-26-spring", easter, TODAY);
        assertThat(springAfterEaster.from()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(springAfterEaster.toExclusive()).isEqualTo(LocalDate.of(2026, 4, 20));
        assertThat(ReportPeriod.parse("2025-26-autumn", easter, TODAY).toExclusive()).isEqualTo(LocalDate.of(2026, 1, 5));
    }

    @Test
    void malformedUnknownAndFuturePeriodsAreRefused() {
        for (String id : new String[] {"", "2025", "2025-27", "2025-2026", "2025-26-winter", "1999-00", "25-26",
                "2025-26-", "2025-26-autumn-x", "２０２５-26"}) {
            assertThatThrownBy(() -> ReportPeriod.parse(id, DEFAULT_TERMS, TODAY)).as(id)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(400);
                        assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("period");
                    });
        }
        assertThatThrownBy(() -> ReportPeriod.parse(null, DEFAULT_TERMS, TODAY)).isInstanceOf(ProblemException.class);
        // Begun periods are reported (so far); those not yet begun are refused.
        assertThat(ReportPeriod.parse("2026-27", DEFAULT_TERMS, TODAY).id()).isEqualTo("2026-27");
        assertThat(ReportPeriod.parse("2026-27-autumn", DEFAULT_TERMS, TODAY).id()).isEqualTo("2026-27-autumn");
        for (String id : new String[] {"2026-27-spring", "2027-28", "2027-28-autumn"}) {
            assertThatThrownBy(() -> ReportPeriod.parse(id, DEFAULT_TERMS, TODAY)).as(id)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).contains("not begun"));
        }
    }

    @Test
    void termDatesThatCannotBeTermsAreAConfigurationError() {
        assertThatThrownBy(() -> ReportPeriod.parse("2025-26-spring", terms("04-01", "01-01"), TODAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("spring-starts");
        assertThatThrownBy(() -> ReportPeriod.parse("2025-26-spring", terms("10-01", "11-01"), TODAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("January to August");
        assertThatThrownBy(() -> ReportPeriod.parse("2025-26-spring", terms("1 Jan", "04-01"), TODAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("04-01");
    }

    private static TermsConfig terms(String spring, String summer) {
        return new TermsConfig() {
            @Override
            public String springStarts() {
                return spring;
            }

            @Override
            public String summerStarts() {
                return summer;
            }
        };
    }
}
