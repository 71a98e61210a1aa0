package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class ReportingReportTest {

    private static final ReportingReport.Context CONTEXT = new ReportingReport.Context("infra/load/run.sh reporting",
            "2026-11-24", "2 cores", 1_000, 1_000, 800);

    private static ReportingReport.Projection rep(int n, double rawSeconds, double reportingSeconds, long closed) {
        return new ReportingReport.Projection(n, 2_700, rawSeconds, reportingSeconds, reportingSeconds + 4, 1_000,
                1_000, 480, closed, 160, 160);
    }

    @Test
    void theRatioIsTheMedianOfEachRepetitionsReportingRateOverItsRawRate() {
        ReportingReport report = new ReportingReport(CONTEXT, List.of(rep(1, 1, 4, 480), rep(2, 1, 2, 480),
                rep(3, 2, 2, 480)));
        assertThat(report.ratioMet()).isTrue();
        assertThat(report.markdown()).contains("0.500 (0.250–1.000)").contains("| **yes** |")
                .contains("2,700 events").contains("warmed up on 1,000 histories")
                .contains("| 1 | 1.00 | 2,700 | 4.00 | 675 | 0.250 | 8.0 |");
    }

    @Test
    void aRegisterThatDoesNotHoldWhatTheEventsSayIsShown() {
        ReportingReport report = new ReportingReport(CONTEXT, List.of(rep(1, 1, 4, 479)));
        assertThat(report.ratioMet()).isFalse();
        assertThat(report.markdown()).contains("480 / 479").contains("**NO**");
        assertThat(report.console()).contains("register right: NO");
    }

    @Test
    void historiesCountWhatTheyPublish() {
        IncidentHistories histories = new IncidentHistories("lr-test", 7);
        List<IncidentHistories.Event> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.addAll(histories.next(Instant.parse("2026-11-24T09:00:00Z")));
        }
        long opened = 0;
        long closed = 0;
        long referred = 0;
        for (IncidentHistories.Event published : events) {
            ProducerRecord<String, String> record = published.record();
            CloudEvent event = EventCodec.decode(record.value());
            assertThat(event.id()).isEqualTo(published.id());
            if (EventCodec.isA(event, EventType.INCIDENT_OPENED_V1)) {
                opened++;
            } else {
                IncidentUpdated update = EventCodec.payload(event, IncidentUpdated.class);
                assertThat(update.incidentId()).isEqualTo(record.key());
                closed += update.change().equals("closed") ? 1 : 0;
                referred += update.change().equals("referred") ? 1 : 0;
            }
        }
        assertThat(opened).isEqualTo(histories.incidents()).isEqualTo(500);
        assertThat(closed).isEqualTo(histories.closed()).isPositive();
        assertThat(referred).isEqualTo(histories.referrals()).isPositive();
        assertThat((long) events.size()).isEqualTo(histories.events());
    }
}
