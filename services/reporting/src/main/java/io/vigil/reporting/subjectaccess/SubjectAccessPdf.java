package io.vigil.reporting.subjectaccess;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The subject access export as a PDF (OpenPDF): the same content as the JSON, laid out for reading. */
final class SubjectAccessPdf {

    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font SUBHEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SubjectAccessPdf() {
    }

    static byte[] render(SubjectAccessReport report, ZoneId zone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle("Subject access export " + report.personId());
        document.addCreator("Vigil reporting");
        document.open();
        document.add(new Paragraph("Subject access export", TITLE));
        document.add(new Paragraph("What Vigil's reporting service holds about one learner. Other people are "
                + "shown by their role or as " + Redaction.THIRD_PARTY + ".", BODY));
        PdfPTable about = table();
        row(about, "Learner (directory id)", report.personId());
        row(about, "School", report.schoolId());
        row(about, "Date of birth", report.dateOfBirth() == null ? "not known" : report.dateOfBirth().toString());
        row(about, "Removed from the directory", report.removedFromDirectory() ? "yes" : "no");
        row(about, "Exported at", time(report.generatedAt(), zone) + " (" + zone + ")");
        row(about, "Incidents", Integer.toString(report.incidents().size()));
        document.add(about);
        for (SubjectAccessReport.Incident incident : report.incidents()) {
            document.add(new Paragraph("Incident " + incident.incidentId(), HEADING));
            PdfPTable table = table();
            row(table, "School", incident.schoolId());
            row(table, "Category", incident.category() + (incident.fourCs().isEmpty() ? ""
                    : " (" + incident.fourCs() + ")"));
            row(table, "Severity", incident.severity());
            row(table, "Status", incident.status());
            row(table, "Outcome", incident.outcome() == null ? "open" : incident.outcome());
            row(table, "Source", incident.source());
            row(table, "Routed to", incident.routedTo());
            row(table, "Alerts", Integer.toString(incident.alertCount()));
            row(table, "First seen", time(incident.firstSeenAt(), zone));
            row(table, "Opened", time(incident.openedAt(), zone));
            row(table, "Acknowledged", time(incident.acknowledgedAt(), zone));
            row(table, "Closed", time(incident.closedAt(), zone));
            row(table, "Escalations", Integer.toString(incident.escalations()));
            row(table, "Parent contact", incident.parentContact() + (incident.parentContactReason() == null ? ""
                    : " (" + incident.parentContactReason() + ")"));
            row(table, "Kept until", (incident.retainUntil() == null ? "under review"
                    : incident.retainUntil().toString()) + " (" + incident.retentionBasis() + ")");
            document.add(table);
            section(document, "Referrals", incident.referrals().stream()
                    .map(r -> time(r.referredAt(), zone) + "  " + r.agency()).toList());
            section(document, "Notifications", incident.notifications().stream()
                    .map(n -> time(n.requestedAt(), zone) + "  " + n.channel() + " to " + n.recipient() + ": "
                            + n.state()).toList());
            section(document, "Audit records", incident.auditEvents().stream()
                    .map(a -> time(a.occurredAt(), zone) + "  " + a.action() + " by " + a.actor() + " (" + a.service()
                            + ", " + a.outcome() + ")" + details(a.details())).toList());
        }
        document.close();
        return out.toByteArray();
    }

    private static void section(Document document, String title, List<String> lines) {
        document.add(new Paragraph(title, SUBHEADING));
        if (lines.isEmpty()) {
            document.add(new Paragraph("none", BODY));
        }
        lines.forEach(line -> document.add(new Paragraph(line, BODY)));
    }

    private static String details(Map<String, String> details) {
        return details.isEmpty() ? "" : " " + details.entrySet().stream()
                .map(d -> d.getKey() + "=" + d.getValue()).collect(Collectors.joining(", "));
    }

    private static PdfPTable table() {
        PdfPTable table = new PdfPTable(new float[] {1, 3});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setSpacingAfter(6);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        return table;
    }

    private static void row(PdfPTable table, String label, String value) {
        table.addCell(new PdfPCell(new Phrase(label, SUBHEADING)));
        table.addCell(new PdfPCell(new Phrase(new Chunk(value == null ? "" : value, BODY))));
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }
}
