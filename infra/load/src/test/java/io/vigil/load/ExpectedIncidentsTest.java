package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private static AlertReceived alert(String school, String user, String category, long secondsAfter) {
        Instant at = T0.plusSeconds(secondsAfter);
        return new AlertReceived("a-" + school + user + category + secondsAfter, "trust", school, school + "-fgt",
                "e" + secondsAfter, SourceKind.FILTERING, "fortigate", category, "blocked", user, "DEVICE-1", null, 2,
                at, at.plusSeconds(1));
    }

    private static long incidentsOf(AlertReceived... alerts) {
        ExpectedIncidents expected = ExpectedIncidents.ofMix();
        for (AlertReceived alert : alerts) {
            expected.add(alert);
        }
        assertThat(expected.alerts()).isEqualTo(alerts.length);
        return expected.incidents();
    }

    @Test
    void anAlertWithinTheWindowOfTheLastJoinsItsIncidentAndOneAfterItOpensANewOne() {
        ExpectedIncidents expected = ExpectedIncidents.ofMix();
        expected.add(alert("s1", "y7.pupil0001", "Gambling", 0));
        expected.add(alert("s1", "y7.pupil0001", "Gambling", 600)); // exactly the window: joins
        expected.add(alert("s1", "y7.pupil0001", "Gambling", 1_200)); // the window from the last alert: joins
        expected.add(alert("s1", "y7.pupil0001", "Gambling", 1_801)); // one second too late: new
        assertThat(expected.incidents()).isEqualTo(2);
        assertThat(expected.alerts()).isEqualTo(4);
    }

    @Test
    void categoriesOfOnePolicyCategoryShareAnIncidentAndOthersDoNot() {
        assertThat(incidentsOf(alert("s1", "y7.pupil0001", "Drug Abuse", 0),
                alert("s1", "y7.pupil0001", "Alcohol", 10), // also drugs
                alert("s1", "y7.pupil0001", "Gambling", 20))).isEqualTo(2);
    }

    @Test
    void otherUsersAndOtherSchoolsAreOtherIncidentsAndUserNamesIgnoreCase() {
        assertThat(incidentsOf(alert("s1", "y7.pupil0001", "Gambling", 0), alert("s1", "Y7.PUPIL0001", "Gambling", 5),
                alert("s1", "y7.pupil0002", "Gambling", 10), alert("s2", "y7.pupil0001", "Gambling", 15)))
                .isEqualTo(3);
    }

    @Test
    void anEarlierAlertArrivingLateStillJoinsAndDoesNotMoveTheLastSeen() {
        assertThat(incidentsOf(alert("s1", "y7.pupil0001", "Gambling", 1_000),
                alert("s1", "y7.pupil0001", "Gambling", 100),
                alert("s1", "y7.pupil0001", "Gambling", 1_000 + 600))).isEqualTo(1);
    }

    @Test
    void aCategoryOutsideTheMixIsRefused() {
        assertThatThrownBy(() -> ExpectedIncidents.ofMix().add(alert("s1", "u", "Shopping", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMixIsSeededAndBothCorrelatesManyAlertsAndOpensManyIncidents() {
        AlertMix a = AlertMix.typical("lt1abc", 7);
        AlertMix b = AlertMix.typical("lt1abc", 7);
        ExpectedIncidents expected = ExpectedIncidents.ofMix();
        Set<String> schools = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Instant last = Instant.MIN;
        for (int i = 0; i < 20_000; i++) {
            AlertReceived alert = a.next();
            assertThat(b.next()).isEqualTo(alert);
            assertThat(alert.occurredAt()).isAfterOrEqualTo(last);
            last = alert.occurredAt();
            assertThat(alert.schoolId()).startsWith("lt1abc-school-");
            assertThat(alert.trustId()).startsWith(a.trustPrefix());
            assertThat(alert.alertId().length()).isLessThanOrEqualTo(64);
            schools.add(alert.schoolId());
            ids.add(alert.alertId());
            expected.add(alert);
        }
        assertThat(ids).hasSize(20_000);
        assertThat(schools).hasSize(24);
        assertThat(expected.alerts()).isEqualTo(20_000);
        // Bursts fold into incidents, yet most incidents are new learners or categories.
        assertThat(expected.incidents()).isBetween(4_000L, 12_000L);
    }
}
