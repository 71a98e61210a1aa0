package io.vigil.intake.syslog.vendor;

import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.syslog.SyslogMessage;

/**
 * Reads one appliance vendor's web-filter log lines. A parser never throws: each line gives exactly
 * one outcome, an alert, a line counted but ignored, or a line rejected to quarantine.
 */
public interface VendorLogParser {

    /** The vendor key, lower case (for example {@code fortigate}). */
    String vendor();

    /** What the line means for the school. */
    ParseOutcome parse(SyslogMessage message);
}
