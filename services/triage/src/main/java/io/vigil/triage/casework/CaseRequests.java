package io.vigil.triage.casework;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies of the case workflow's requests. */
public final class CaseRequests {

    /** Agencies a case can be referred to. */
    public static final String AGENCIES = "children-social-care|police|lado|ceop|iwf|prevent|report-harmful-content";
    /** How a case can end. */
    public static final String OUTCOMES = "referred|handled-in-school|advice-given|no-further-action";

    private CaseRequests() {
    }

    /** Who takes the case on (a user id of the school's safeguarding team). */
    public record Assign(@NotBlank @Size(max = 200) String assignee) {
    }

    /** A chronology entry: what was done. */
    public record Note(@NotBlank @Size(max = 4000) String action) {
    }

    /** A referral to an agency, with the agency's reference. */
    public record Referral(
            @NotBlank @Pattern(regexp = AGENCIES, message = "must be one of " + AGENCIES) String agency,
            @Size(max = 200) String reference,
            @Size(max = 4000) String note) {
    }

    /** Closing with an outcome. */
    public record Close(
            @NotBlank @Pattern(regexp = OUTCOMES, message = "must be one of " + OUTCOMES) String outcome,
            @Size(max = 4000) String summary) {
    }

    /** A reason (for a false positive or a reopening). */
    public record Reason(@NotBlank @Size(max = 4000) String reason) {
    }

    /**
     * The parent/carer contact decision: {@code approve} with the guardians and template, or
     * {@code withhold} with the reason (risk to the child, police advice, other).
     */
    public record ParentContact(
            @NotNull @Pattern(regexp = "approve|withhold", message = "must be 'approve' or 'withhold'") String decision,
            @Size(max = 20) List<@NotBlank @Size(max = 64) String> guardianIds,
            @Size(max = 100) String templateId,
            @Pattern(regexp = "risk-to-child|police-advice|other", message = "must be risk-to-child, police-advice or other")
            String reason,
            @Size(max = 4000) String note) {
    }
}
