package io.vigil.notification.delivery;

import io.vigil.contracts.incident.IncidentOpened;

/**
 * The e-mail that tells a member of staff a new incident needs them. It names the school, the
 * severity and the category and links to the case; the concern itself, the pupil and any URL stay
 * in Vigil, behind sign-in.
 */
public record StaffAlertMessage(String subject, String body) {

    public static final String TEMPLATE_ID = "staff-incident-opened.v1";

    public static StaffAlertMessage of(IncidentOpened incident, String schoolName, String caseLink) {
        String subject = "Vigil: new " + incident.severity().wireName() + " severity incident at " + schoolName;
        String body = """
                A new online-safety incident at %s needs your attention.

                Severity: %s
                Category: %s

                Open the case in Vigil: %s

                This message deliberately contains no details of the concern or of any pupil.
                Sign in to Vigil to see them and to record what you do.
                """.formatted(schoolName, incident.severity().wireName(), incident.category(), caseLink);
        return new StaffAlertMessage(subject, body);
    }
}
