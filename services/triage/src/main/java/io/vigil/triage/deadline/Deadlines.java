package io.vigil.triage.deadline;

import io.vigil.common.time.SchoolCalendar;
import io.vigil.contracts.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * When an incident must be acknowledged, and who is told when it is not: critical within
 * {@code critical} (15 minutes by default), high within {@code high} (an hour), medium by
 * {@code mediumBy} on the next school day, low by {@code lowBy} on the next school day. Each missed
 * deadline moves the incident one step up its ladder and starts the same wait again.
 */
public record Deadlines(Duration critical, Duration high, LocalTime mediumBy, LocalTime lowBy, SchoolCalendar calendar) {

    /** The safeguarding team's ladder. */
    public static final List<String> TEAM_LADDER = List.of("dsl", "deputy-dsl", "head", "trust-safeguarding-lead");
    /** The ladder of a case about a member of staff (routed to the head). */
    public static final List<String> STAFF_LADDER = List.of("head", "trust-safeguarding-lead");
    /** The ladder of a case about the head (routed to the chair of governors). */
    public static final List<String> HEAD_LADDER = List.of("chair-of-governors", "trust-safeguarding-lead");

    public Instant acknowledgeBy(Severity severity, Instant from) {
        return switch (severity) {
            case CRITICAL -> from.plus(critical);
            case HIGH -> from.plus(high);
            case MEDIUM -> calendar.nextSchoolDayAt(from, mediumBy);
            case LOW -> calendar.nextSchoolDayAt(from, lowBy);
        };
    }

    /** How the wait reads in an escalation message, e.g. "15 minutes" or "the next school day". */
    public String describe(Severity severity) {
        return switch (severity) {
            case CRITICAL -> minutes(critical);
            case HIGH -> minutes(high);
            case MEDIUM, LOW -> "the next school day";
        };
    }

    /** The ladder for an incident first routed to {@code routedTo}. */
    public static List<String> ladderOf(String routedTo) {
        return switch (routedTo) {
            case "head" -> STAFF_LADDER;
            case "chair-of-governors" -> HEAD_LADDER;
            default -> TEAM_LADDER;
        };
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + (minutes == 60 ? " hour" : " hours") : minutes + " minutes";
    }
}
