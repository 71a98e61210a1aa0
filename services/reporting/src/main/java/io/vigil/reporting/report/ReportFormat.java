package io.vigil.reporting.report;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The forms a report can be downloaded in; the {@code format} parameter, else the Accept header, else HTML. */
public enum ReportFormat {
    HTML("text/html;charset=UTF-8", "html"),
    CSV("text/csv;charset=UTF-8", "csv"),
    PDF("application/pdf", "pdf"),
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format asked for: by name ({@code html}, {@code csv}, {@code pdf}, {@code json}; 400 otherwise), or by Accept. */
    static ReportFormat choose(String format, List<String> accept) {
        if (format != null && !format.isBlank()) {
            return Arrays.stream(values()).filter(f -> f.wireName().equalsIgnoreCase(format.trim())).findFirst()
                    .orElseThrow(() -> ProblemException.badRequest("Invalid format: must be html, csv, pdf or json",
                            List.of(new Problem.FieldError("format", "must be html, csv, pdf or json"))));
        }
        for (String header : accept) {
            for (String range : header.split(",")) {
                String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
                for (ReportFormat candidate : values()) {
                    if (candidate.mediaType.startsWith(type + ";") || candidate.mediaType.equals(type)) {
                        return candidate;
                    }
                }
            }
        }
        return HTML;
    }
}
