package io.vigil.reporting.report;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/** A report as a web page (Qute template {@code templates/reports/report.html}; values HTML-escaped). */
@ApplicationScoped
public class HtmlReport {

    @Inject
    @Location("reports/report.html")
    Template template;

    public byte[] render(Report report) {
        return template.data("report", report).data("assuranceTitle", Report.ASSURANCE_TITLE).render()
                .getBytes(StandardCharsets.UTF_8);
    }
}
