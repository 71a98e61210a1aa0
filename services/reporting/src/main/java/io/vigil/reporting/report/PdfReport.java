package io.vigil.reporting.report;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.time.format.DateTimeFormatter;

/** A report as a PDF (OpenPDF, A4 landscape so a table row stays on one line): the same headings, notes and tables as the HTML. */
final class PdfReport {

    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 9);
    private static final Font HEADER_CELL = new Font(Font.HELVETICA, 9, Font.BOLD);
    private static final Color HEADER_BACKGROUND = new Color(230, 230, 230);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PdfReport() {
    }

    static byte[] render(Report report) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 40, 40, 40, 40);
        PdfWriter.getInstance(document, pdf);
        document.addTitle(report.title());
        document.open();
        document.add(new Paragraph(report.title(), TITLE));
        document.add(new Paragraph("Made " + GENERATED.format(report.generatedAt()), TEXT));
        for (String note : report.notes()) {
            document.add(new Paragraph(note, TEXT));
        }
        for (ReportTable table : report.tables()) {
            heading(document, table.title());
            if (table.note() != null) {
                document.add(new Paragraph(table.note(), TEXT));
            }
            document.add(table(table));
        }
        heading(document, Report.ASSURANCE_TITLE);
        document.add(new Paragraph(report.assurance().note(), TEXT));
        document.add(table(report.assurance()));
        document.close();
        return pdf.toByteArray();
    }

    private static void heading(Document document, String title) {
        Paragraph heading = new Paragraph(title, HEADING);
        heading.setSpacingBefore(12);
        heading.setSpacingAfter(4);
        document.add(heading);
    }

    private static PdfPTable table(ReportTable table) {
        int columns = table.columns().size();
        PdfPTable pdf = new PdfPTable(columns);
        pdf.setWidthPercentage(columns > 2 ? 100 : 60);
        float[] widths = new float[columns];
        Arrays.fill(widths, 1);
        widths[0] = columns > 4 ? 2.5f : 2;
        pdf.setWidths(widths);
        pdf.setHeaderRows(1);
        for (String column : table.columns()) {
            PdfPCell cell = new PdfPCell(new Phrase(column, HEADER_CELL));
            cell.setBackgroundColor(HEADER_BACKGROUND);
            pdf.addCell(cell);
        }
        for (var row : table.rows()) {
            for (int i = 0; i < row.size(); i++) {
                PdfPCell cell = new PdfPCell(new Phrase(row.get(i), TEXT));
                cell.setHorizontalAlignment(i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
                pdf.addCell(cell);
            }
        }
        return pdf;
    }
}
