package io.vigil.triage.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.triage.deadline.Deadlines;
import io.vigil.triage.notification.FailedDelivery.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailedDeliveryTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "dsl:north.dsl@demo.vigil.test,          dsl",
            "deputy-dsl:north.deputy@demo.vigil.test, deputy-dsl",
            "role:deputy-dsl,                         deputy-dsl",
            "role:trust-safeguarding-lead,            trust-safeguarding-lead",
            "chair-of-governors:chair@demo.vigil.test, chair-of-governors",
            "guardian:g-17,                           guardian",
            "stf-0042,                                -",
            "none:someone@demo.vigil.test,            -",
            "caretaker:someone@demo.vigil.test,       -",
            ":dsl,                                    -"})
    void theRoleIsThePrefixOfTheRecipientReference(String recipientRef, String role) {
        assertThat(FailedDelivery.roleOf(recipientRef).orElse(null)).isEqualTo(role);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            // role,                  status,        silenced, routed to,          level, outcome
            "dsl,                     open,          false,    dsl,                0,     ESCALATE",
            "dsl,                     open,          false,    dsl,                1,     ALREADY_PASSED",
            "deputy-dsl,              open,          false,    dsl,                1,     ESCALATE",
            "head,                    open,          false,    dsl,                0,     NOT_CURRENT_STEP",
            "trust-safeguarding-lead, open,          false,    dsl,                3,     TOP_OF_LADDER",
            "head,                    open,          false,    head,               0,     ESCALATE",
            "trust-safeguarding-lead, open,          false,    head,               1,     TOP_OF_LADDER",
            "dsl,                     open,          false,    head,               0,     NOT_CURRENT_STEP",
            "chair-of-governors,      open,          false,    chair-of-governors, 0,     ESCALATE",
            "-,                       open,          false,    dsl,                0,     NOT_CURRENT_STEP",
            "none,                    open,          false,    dsl,                0,     NOT_CURRENT_STEP",
            "dsl,                     acknowledged,  false,    dsl,                0,     NOT_OPEN",
            "dsl,                     closed,        false,    dsl,                0,     NOT_OPEN",
            "dsl,                     open,          true,     dsl,                0,     SILENCED",
            "guardian,                open,          false,    dsl,                0,     PARENT_NOT_REACHED",
            "guardian,                closed,        false,    dsl,                2,     PARENT_NOT_REACHED"})
    void onlyAFailureAtTheStepTheIncidentWaitsOnMovesIt(String role, String status, boolean silenced, String routedTo,
            int level, Outcome outcome) {
        assertThat(FailedDelivery.decide(role, status, silenced, Deadlines.ladderOf(routedTo), level))
                .isEqualTo(outcome);
    }

    @Test
    void theReasonSaysWhoCouldNotBeReachedHowAndWhy() {
        assertThat(FailedDelivery.escalationReason("dsl", "email", " 550 mailbox unavailable "))
                .isEqualTo("Could not reach the dsl by e-mail: 550 mailbox unavailable");
        assertThat(FailedDelivery.parentNote("sms", "number not in service"))
                .isEqualTo("The parent or carer could not be reached by text message: number not in service");
        assertThat(FailedDelivery.escalationReason("head", "email", "x".repeat(2_000)))
                .hasSize("Could not reach the head by e-mail: ".length() + FailedDelivery.MAX_REASON);
    }
}
