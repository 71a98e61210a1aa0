package io.vigil.intake.csv;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.quarantine.InputChannel;
import io.vigil.intake.quarantine.Quarantine;
import io.vigil.intake.registry.ApplianceRegistry;
import io.vigil.intake.webhook.AlertPublisher;
import io.vigil.intake.webhook.AlertRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Upload of a Smoothwall web-filter report export (CSV) by a trust administrator. The file is read
 * as a stream: blocked and flagged rows become alerts, published in chunks and durable before the
 * answer; allowed rows are counted; rows that cannot be read are reported by line (and quarantined).
 * Uploading the same export again raises no new alerts: each row's id is a digest of its values.
 */
@Path("/api/v1/appliances/{id}/report-uploads")
@Tag(name = "Appliances")
@RolesAllowed("trust-admin")
public class ReportUploadResource {

    static final String CHANNEL = InputChannel.CSV;
    static final int CHUNK = 1000;
    static final int ERRORS_SHOWN = 100;

    /** What an upload did. */
    public record UploadResult(int rows, int alertsAccepted, int allowedRows, int rejectedRows,
            List<RowError> errors, boolean moreErrors) {
    }

    /** A row that could not be read, by its line in the file. */
    public record RowError(int line, String reason) {
    }

    @Inject
    ApplianceRegistry registry;

    @Inject
    AlertPublisher publisher;

    @Inject
    Quarantine quarantine;

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @ConfigProperty(name = "vigil.intake.csv.max-bytes", defaultValue = "52428800")
    long maxBytes;

    @ConfigProperty(name = "vigil.intake.csv.zone", defaultValue = "Europe/London")
    ZoneId zone;

    @POST
    @Consumes({"text/csv", "application/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a Smoothwall web-filter report export (CSV)",
            description = "Columns such as Time, Username, Source IP, Group, HTTP Code, URL, Categories, matched by "
                    + "name. 202 once every alert in it is durable, with per-row errors; 413 over the size limit.")
    public Response upload(@PathParam("id") String id, @HeaderParam("Content-Length") Long contentLength,
            InputStream body) {
        AuthenticatedAppliance appliance = registry.activeInScope(id);
        if (!"smoothwall".equals(appliance.vendor())) {
            throw ProblemException.badRequest("Only Smoothwall report exports are read; appliance " + id + " is "
                    + appliance.vendor(), List.of(new Problem.FieldError("id", "not a Smoothwall appliance")));
        }
        if (contentLength != null && contentLength > maxBytes) {
            throw tooLarge(0);
        }
        Counts counts = new Counts();
        List<AlertRequest> chunk = new ArrayList<>(CHUNK);
        Limited limited = new Limited(body, maxBytes);
        try (Reader reader = new InputStreamReader(limited, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            SmoothwallCsvReader rows = new SmoothwallCsvReader(reader, CsvLimits.DEFAULTS, zone);
            for (var next = rows.next(); next.isPresent() && !limited.exceeded; next = rows.next()) {
                counts.rows++;
                read(next.get(), appliance, chunk, counts);
                if (chunk.size() == CHUNK) {
                    publish(appliance, chunk, counts);
                }
            }
        } catch (IOException e) {
            if (!limited.exceeded) {
                throw ProblemException.badRequest("The upload could not be read: " + e.getMessage(),
                        List.of(new Problem.FieldError("body", "unreadable")));
            }
        }
        if (limited.exceeded) {
            throw tooLarge(counts.accepted);
        }
        publish(appliance, chunk, counts);
        String actor = tenant.actor();
        QuarkusTransaction.requiringNew().run(() -> audit.record(appliance.trustId(), appliance.schoolId(), actor,
                "report.uploaded", "appliance", appliance.applianceId(), "success", Map.of(
                        "rows", Integer.toString(counts.rows), "alerts", Integer.toString(counts.accepted),
                        "rejected", Integer.toString(counts.rejected))));
        return Response.accepted(new UploadResult(counts.rows, counts.accepted, counts.allowed, counts.rejected,
                counts.errors, counts.rejected > counts.errors.size())).build();
    }

    private void read(CsvRow row, AuthenticatedAppliance appliance, List<AlertRequest> chunk, Counts counts) {
        if (row instanceof CsvRow.Error error) {
            reject(appliance, counts, error.line(), error.reason());
        } else if (row instanceof CsvRow.Accepted accepted) {
            if (accepted.outcome() instanceof ParseOutcome.Alert alert) {
                AlertRequest request = AlertRequest.of(alert.alert());
                List<String> violations = request.violations();
                if (violations.isEmpty()) {
                    chunk.add(request);
                } else {
                    reject(appliance, counts, row.line(), String.join(", ", violations));
                }
            } else if (accepted.outcome() instanceof ParseOutcome.Rejected rejected) {
                reject(appliance, counts, row.line(), rejected.reason());
            } else {
                counts.allowed++;
            }
        }
    }

    private void publish(AuthenticatedAppliance appliance, List<AlertRequest> chunk, Counts counts) {
        if (!chunk.isEmpty()) {
            counts.accepted += publisher.publishAll(appliance, chunk).size();
            chunk.clear();
        }
    }

    private void reject(AuthenticatedAppliance appliance, Counts counts, int line, String reason) {
        counts.rejected++;
        if (counts.errors.size() < ERRORS_SHOWN) {
            counts.errors.add(new RowError(line, reason));
        }
        quarantine.add(CHANNEL, null, appliance.applianceId(), appliance.schoolId(), "line " + line + ": " + reason,
                "");
    }

    /** 413, saying how much of the file was already taken (those alerts are durable and are not repeated). */
    private ProblemException tooLarge(int acceptedBefore) {
        return new ProblemException(Problem.of("too-large", "Request too large", 413, "The file is larger than "
                + maxBytes + " bytes; split the export by date and upload the parts (rows already read are not "
                + "repeated). Alerts accepted from its first rows: " + acceptedBefore));
    }

    private static final class Counts {
        int rows;
        int accepted;
        int allowed;
        int rejected;
        final List<RowError> errors = new ArrayList<>();
    }

    /** Counts the bytes of the body and stops at the limit. */
    private static final class Limited extends FilterInputStream {

        private final long max;
        private long read;
        private boolean exceeded;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > max) {
                exceeded = true;
                throw new IOException("upload over the size limit");
            }
        }
    }
}
