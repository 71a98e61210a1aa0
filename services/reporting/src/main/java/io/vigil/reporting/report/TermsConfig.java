package io.vigil.reporting.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the terms of an academic year in England begin, for termly reports. The year runs from 1 September
 * to 31 August; the autumn term from 1 September to the day before spring begins, spring to the day before
 * summer begins, summer to 31 August. Holidays fall inside the terms they follow, so every day of the year
 * belongs to exactly one term. Dates are {@code MM-dd}; a trust sets its own, e.g. the Monday after Easter.
 */
@ConfigMapping(prefix = "vigil.reporting.terms")
public interface TermsConfig {

    /** First day of the spring term (default 1 January). */
    @WithDefault("01-01")
    String springStarts();

    /** First day of the summer term (default 1 April, near enough to Easter for a governors' report). */
    @WithDefault("04-01")
    String summerStarts();
}
