package io.vigil.intake.parse;

import java.util.Objects;

/**
 * What became of one log line or report row: an alert for the school, a line that is counted but
 * needs no action, or a line that could not be read and goes to quarantine.
 */
public sealed interface ParseOutcome permits ParseOutcome.Alert, ParseOutcome.Ignored, ParseOutcome.Rejected {

    /** A blocked or flagged request: becomes an alert. */
    record Alert(ParsedAlert alert) implements ParseOutcome {
        public Alert {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** A line that is understood but needs no alert (allowed, passthrough, not a web-filter log): counted only. */
    record Ignored(String reason) implements ParseOutcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A line that could not be read: quarantined with this reason so an administrator can look at it. */
    record Rejected(String reason) implements ParseOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static ParseOutcome alert(ParsedAlert alert) {
        return new Alert(alert);
    }

    static ParseOutcome ignored(String reason) {
        return new Ignored(reason);
    }

    static ParseOutcome rejected(String reason) {
        return new Rejected(reason);
    }
}
