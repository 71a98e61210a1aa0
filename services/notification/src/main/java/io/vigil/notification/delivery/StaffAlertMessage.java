package io.vigil.notification.delivery;

import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.notification.template.MessageTemplates;
import io.vigil.notification.template.Rendered;
import io.vigil.notification.template.TemplateKey;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A message to a member of staff, written from its template: the school, the severity, the 4Cs group
 * and a link to the case; the concern itself, the pupil and any URL stay in Vigil, behind sign-in.
 *
 * @param templateRef the wording used, e.g. {@code staff-incident-opened.v1.en}
 */
public record StaffAlertMessage(String templateRef, String subject, String body, String shortText) {

    public static StaffAlertMessage of(Rendered rendered) {
        return new StaffAlertMessage(rendered.templateRef(), rendered.subject(), rendered.body(), rendered.sms());
    }

    /** How a time reads in a staff message, in the schools' zone: "Monday 23 November, 09:40". */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.UK);

    /**
     * The message about a newly opened incident; a filtering or monitoring system that went silent
     * has its own wording, naming the system and since when it is silent.
     */
    public static StaffAlertMessage opened(MessageTemplates templates, IncidentOpened incident, String schoolName,
            String caseLink, ZoneId zone) {
        Map<String, Object> data = common(schoolName, incident.severity().wireName(), incident.category(), caseLink);
        if (PolicyCategory.MONITORING_FAILURE.slug().equals(incident.category())) {
            data.put("applianceName", incident.subjectRef() == null ? "a filtering or monitoring system"
                    : incident.subjectRef());
            data.put("silentSince", WHEN.format(incident.firstSeenAt().atZone(zone)));
            return of(templates.render(incident.trustId(), TemplateKey.STAFF_SOURCE_SILENT.key(), "en", data));
        }
        data.put("requiredSteps", incident.requiredSteps() == null ? List.of() : incident.requiredSteps());
        return of(templates.render(incident.trustId(), TemplateKey.STAFF_INCIDENT_OPENED.key(), "en", data));
    }

    /**
     * The message telling the next person up the ladder that nobody acted in time (or could be reached);
     * a missed LADO timer has its own wording.
     */
    public static StaffAlertMessage escalated(MessageTemplates templates, IncidentEscalated escalated,
            String schoolName, String caseLink) {
        Map<String, Object> data = common(schoolName, escalated.severity().wireName(), escalated.category(), caseLink);
        if (escalated.cause() == EscalationCause.LADO_TIMER) {
            return of(templates.render(escalated.trustId(), TemplateKey.STAFF_LADO_TIMER.key(), "en", data));
        }
        data.put("reason", escalated.reason());
        data.put("level", Integer.toString(escalated.level()));
        return of(templates.render(escalated.trustId(), TemplateKey.STAFF_INCIDENT_ESCALATED.key(), "en", data));
    }

    /** The DSL's digest of low-severity incidents: how many, and a link to each; nothing else. */
    public static StaffAlertMessage digest(MessageTemplates templates, String trustId, String schoolName, String period,
            List<String> caseLinks) {
        Map<String, Object> data = new HashMap<>();
        data.put("schoolName", schoolName);
        data.put("period", period);
        data.put("count", Integer.toString(caseLinks.size()));
        data.put("caseLinks", caseLinks);
        return of(templates.render(trustId, TemplateKey.STAFF_DIGEST.key(), "en", data));
    }

    /**
     * The 4Cs group of a policy category as staff read it, e.g. "Content and conduct"; the category
     * itself is case detail and stays in Vigil.
     */
    public static String categoryGroup(String category) {
        if (category == null) {
            return "Not stated";
        }
        PolicyCategory policy;
        try {
            policy = PolicyCategory.fromSlug(category);
        } catch (IllegalArgumentException e) {
            return "Other";
        }
        if (policy == PolicyCategory.MONITORING_FAILURE) {
            return "Filtering and monitoring";
        }
        List<FourCs> groups = policy.fourCs();
        if (groups.isEmpty()) {
            return "Other";
        }
        String joined = groups.stream().map(c -> c.wireName()).collect(Collectors.joining(" and "));
        return joined.substring(0, 1).toUpperCase(Locale.ROOT) + joined.substring(1);
    }

    private static Map<String, Object> common(String schoolName, String severity, String category, String caseLink) {
        Map<String, Object> data = new HashMap<>();
        data.put("schoolName", schoolName);
        data.put("severity", severity);
        data.put("categoryGroup", categoryGroup(category));
        data.put("caseLink", caseLink);
        return data;
    }
}
