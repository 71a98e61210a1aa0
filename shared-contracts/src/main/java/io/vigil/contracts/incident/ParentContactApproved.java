package io.vigil.contracts.incident;

import java.time.Instant;
import java.util.List;

/**
 * The DSL decided that parents or carers are to be told about an incident: the only event from
 * which notification sends a message to a parent or carer. A decision not to contact them is an
 * {@code IncidentUpdated} with change {@code parent-contact-withheld}, and sends nothing.
 *
 * @param incidentId the incident
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param guardianIds the directory ids of the guardians to contact
 * @param templateId the message template the DSL chose
 * @param approvedBy who approved (a user id)
 * @param approvedAt when
 */
public record ParentContactApproved(
        String incidentId,
        String trustId,
        String schoolId,
        List<String> guardianIds,
        String templateId,
        String approvedBy,
        Instant approvedAt) {
}
