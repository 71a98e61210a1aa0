package io.vigil.notification.delivery;

import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import java.util.List;

/**
 * The e-mail that tells a member of staff a new incident needs them. It names the school, the
 * severity and the category and links to the case; the concern itself, the pupil and any URL stay
 * in Vigil, behind sign-in.
 */
public record StaffAlertMessage(String subject, String body, String shortText) {

    public static final String TEMPLATE_ID = "staff-incident-opened.v1";
    public static final String ESCALATION_TEMPLATE_ID = "staff-incident-escalated.v1";

    /** The e-mail that tells the next person up the ladder that nobody acted in time. */
    public static StaffAlertMessage ofEscalation(IncidentEscalated escalated, String schoolName, String caseLink) {
        String subject = "Vigil: " + escalated.severity().wireName() + " severity incident at " + schoolName
                + " escalated to you";
        String body = """
                An online-safety incident at %s has been escalated to you.

                Why: %s
                Severity: %s

                Open the case in Vigil: %s

                This message deliberately contains no details of the concern or of any pupil.
                Sign in to Vigil to see them and to record what you do.
                """.formatted(schoolName, escalated.reason(), escalated.severity().wireName(), caseLink);
        return new StaffAlertMessage(subject, body, "Vigil: a " + escalated.severity().wireName()
                + " incident at " + schoolName + " was escalated to you. " + caseLink);
    }

    public static StaffAlertMessage of(IncidentOpened incident, String schoolName, String caseLink) {
        String subject = "Vigil: new " + incident.severity().wireName() + " severity incident at " + schoolName;
        String body = """
                A new online-safety incident at %s needs your attention.

                Severity: %s
                Category: %s

                %sOpen the case in Vigil: %s

                This message deliberately contains no details of the concern or of any pupil.
                Sign in to Vigil to see them and to record what you do.
                """.formatted(schoolName, incident.severity().wireName(), incident.category(), steps(incident), caseLink);
        return new StaffAlertMessage(subject, body, "Vigil: new " + incident.severity().wireName() + " incident at "
                + schoolName + ". " + caseLink);
    }

    public static final String DIGEST_TEMPLATE_ID = "staff-digest.v1";

    /** The DSL's digest of low-severity incidents: how many, and a link to each; nothing else. */
    public static StaffAlertMessage digest(String schoolName, String period, List<String> caseLinks) {
        String subject = "Vigil: " + caseLinks.size() + " low severity incident" + (caseLinks.size() == 1 ? "" : "s")
                + " at " + schoolName + " (" + period + ")";
        StringBuilder links = new StringBuilder();
        caseLinks.forEach(link -> links.append("- ").append(link).append('\n'));
        String body = """
                Low severity online-safety incidents at %s gathered for your digest (%s): %d.

                %s
                This message deliberately contains no details of the concerns or of any pupil.
                Sign in to Vigil to see them and to record what you do.
                """.formatted(schoolName, period, caseLinks.size(), links);
        return new StaffAlertMessage(subject, body, "Vigil: " + caseLinks.size() + " low severity incidents at "
                + schoolName + " in your digest.");
    }

    /** The steps the recipients must take (generic instructions, never details of the concern). */
    private static String steps(IncidentOpened incident) {
        if (incident.requiredSteps() == null || incident.requiredSteps().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("What to do now:\n");
        incident.requiredSteps().forEach(step -> text.append("- ").append(step).append('\n'));
        return text.append('\n').toString();
    }
}
