package io.vigil.contracts.incident;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * Triage opened an incident that a person at the school must act on.
 *
 * @param incidentId Vigil's incident id
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param category the school's policy category the alert maps to
 * @param severity the score triage gave it
 * @param severityReasons why it has that severity, in words a DSL can read
 * @param routedTo the role that must acknowledge it, e.g. {@code dsl} or {@code head}
 * @param alertIds the alerts that make up the incident so far
 * @param subjectRef the user or device identifier the incident is about, if known
 * @param firstSeenAt when the first alert happened
 * @param openedAt when triage opened it
 * @param alsoRoutedTo further roles told at once (e.g. the head, for illegal content)
 * @param restricted true when only the routed roles may see it (a concern about a member of staff
 *     is invisible to the DSL team)
 * @param requiredSteps what the recipients must (and must not) do, e.g. for illegal content
 * @param personId the directory id of the learner or member of staff it is about, if resolved
 * @param onCall directory ids of the staff on the out-of-hours rota, told at once when a serious
 *     incident opens outside school hours (never for a restricted incident)
 * @param silenceId the silence that matched: the incident is recorded and counted, but nobody is
 *     told and nothing escalates
 * @param sourceId the appliance whose alert (or silence) opened it; absent when a person reported
 *     the concern
 */
public record IncidentOpened(
        String incidentId,
        String trustId,
        String schoolId,
        String category,
        Severity severity,
        List<String> severityReasons,
        String routedTo,
        List<String> alertIds,
        @OptionalField String subjectRef,
        Instant firstSeenAt,
        Instant openedAt,
        @OptionalField List<String> alsoRoutedTo,
        @OptionalField Boolean restricted,
        @OptionalField List<String> requiredSteps,
        @OptionalField String personId,
        @OptionalField List<String> onCall,
        @OptionalField String silenceId,
        @OptionalField String sourceId) {

    /** An incident with its rota and silence, from no named source. */
    public IncidentOpened(String incidentId, String trustId, String schoolId, String category, Severity severity,
            List<String> severityReasons, String routedTo, List<String> alertIds, String subjectRef,
            Instant firstSeenAt, Instant openedAt, List<String> alsoRoutedTo, Boolean restricted,
            List<String> requiredSteps, String personId, List<String> onCall, String silenceId) {
        this(incidentId, trustId, schoolId, category, severity, severityReasons, routedTo, alertIds, subjectRef,
                firstSeenAt, openedAt, alsoRoutedTo, restricted, requiredSteps, personId, onCall, silenceId, null);
    }

    /** An incident routed to one role, visible to the school's safeguarding team. */
    public IncidentOpened(String incidentId, String trustId, String schoolId, String category, Severity severity,
            List<String> severityReasons, String routedTo, List<String> alertIds, String subjectRef,
            Instant firstSeenAt, Instant openedAt) {
        this(incidentId, trustId, schoolId, category, severity, severityReasons, routedTo, alertIds, subjectRef,
                firstSeenAt, openedAt, null, null, null, null);
    }

    /** An incident with routing details, before any rota or silence applies. */
    public IncidentOpened(String incidentId, String trustId, String schoolId, String category, Severity severity,
            List<String> severityReasons, String routedTo, List<String> alertIds, String subjectRef,
            Instant firstSeenAt, Instant openedAt, List<String> alsoRoutedTo, Boolean restricted,
            List<String> requiredSteps, String personId) {
        this(incidentId, trustId, schoolId, category, severity, severityReasons, routedTo, alertIds, subjectRef,
                firstSeenAt, openedAt, alsoRoutedTo, restricted, requiredSteps, personId, null, null);
    }

    /** Whether a silence matched, so nobody is to be told. */
    public boolean silenced() {
        return silenceId != null;
    }

    /** Every role the incident is routed to: the primary one first. */
    public List<String> allRoutedRoles() {
        java.util.List<String> roles = new java.util.ArrayList<>();
        roles.add(routedTo);
        if (alsoRoutedTo != null) {
            alsoRoutedTo.stream().filter(role -> !roles.contains(role)).forEach(roles::add);
        }
        return List.copyOf(roles);
    }
}
