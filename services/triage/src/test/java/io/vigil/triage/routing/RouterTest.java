package io.vigil.triage.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.triage.routing.Router.Route;
import io.vigil.triage.routing.Router.Subject;
import org.junit.jupiter.api.Test;

class RouterTest {

    @Test
    void aLearnersIncidentGoesToTheSafeguardingTeam() {
        Route route = Router.route(new Subject(PolicyCategory.BULLYING, false, null));
        assertThat(route.routedTo()).isEqualTo("dsl");
        assertThat(route.alsoRoutedTo()).isEmpty();
        assertThat(route.restricted()).isFalse();
    }

    @Test
    void illegalContentGoesToTheDslAndHeadWithTheStepsToTake() {
        Route route = Router.route(new Subject(PolicyCategory.CHILD_SEXUAL_ABUSE_MATERIAL, false, null));
        assertThat(route.routedTo()).isEqualTo("dsl");
        assertThat(route.alsoRoutedTo()).containsExactly("head");
        assertThat(route.requiredSteps()).anyMatch(step -> step.startsWith("Do not view"))
                .anyMatch(step -> step.contains("Internet Watch Foundation"));
        assertThat(Router.route(new Subject(PolicyCategory.TERRORIST_CONTENT, false, null)).requiredSteps())
                .anyMatch(step -> step.contains("Prevent"));
    }

    @Test
    void aMemberOfStaffGoesToTheHeadOnlyHiddenFromTheTeam() {
        Route route = Router.route(new Subject(PolicyCategory.PORNOGRAPHY, true, "dsl"));
        assertThat(route.routedTo()).isEqualTo("head");
        assertThat(route.alsoRoutedTo()).isEmpty();
        assertThat(route.restricted()).isTrue();
        assertThat(route.requiredSteps()).anyMatch(step -> step.contains("LADO"));
    }

    @Test
    void theHeadGoesToTheChairOfGovernorsAndTheTrustLead() {
        Route route = Router.route(new Subject(PolicyCategory.OTHER, true, "head"));
        assertThat(route.routedTo()).isEqualTo("chair-of-governors");
        assertThat(route.alsoRoutedTo()).containsExactly("trust-safeguarding-lead");
        assertThat(route.restricted()).isTrue();
    }

    @Test
    void staffMisuseOfIllegalContentStillGoesToTheHeadOnly() {
        Route route = Router.route(new Subject(PolicyCategory.CHILD_SEXUAL_ABUSE_MATERIAL, true, null));
        assertThat(route.routedTo()).isEqualTo("head");
        assertThat(route.restricted()).isTrue();
        assertThat(route.requiredSteps()).anyMatch(step -> step.startsWith("Do not view"))
                .anyMatch(step -> step.contains("LADO"));
    }
}
