package io.vigil.load.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The reasons intake quarantined an appliance's input with since a moment, as intake keeps them. */
public interface QuarantineReasons {

    /** The reasons, one per quarantined input. */
    List<String> of(String applianceId, Instant since) throws IOException, InterruptedException;

    /**
     * Through {@code GET /api/v1/quarantine} as a trust administrator: the newest 1,000 of the appliance,
     * which is all of them in a run that quarantines fewer.
     */
    static QuarantineReasons fromApi(HttpAbuse http, String trustAdmin) {
        ObjectMapper json = new ObjectMapper();
        return (applianceId, since) -> {
            HttpResponse<String> response = http.call("intake", "GET", "/api/v1/quarantine?limit=1000&applianceId="
                    + applianceId, trustAdmin, null);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/v1/quarantine answered " + response.statusCode() + ": "
                        + response.body());
            }
            List<String> reasons = new ArrayList<>();
            for (JsonNode entry : json.readTree(response.body())) {
                if (!Instant.parse(entry.path("receivedAt").asText()).isBefore(since)) {
                    reasons.add(entry.path("reason").asText());
                }
            }
            return reasons;
        };
    }

    /** From intake's database, every one however many (a full run quarantines far more than a page). */
    static QuarantineReasons fromDatabase(String jdbcUrl, String user, String password) {
        return (applianceId, since) -> {
            try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                    PreparedStatement select = db.prepareStatement(
                            "select reason from quarantined_input where appliance_id = ? and received_at >= ?")) {
                select.setString(1, applianceId);
                select.setTimestamp(2, Timestamp.from(since));
                List<String> reasons = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        reasons.add(rows.getString(1));
                    }
                }
                return reasons;
            } catch (SQLException e) {
                throw new IOException("Cannot read intake's quarantine: " + e.getMessage(), e);
            }
        };
    }

    /** A reason with its numbers taken out, so reasons of one kind count together. */
    static String kind(String reason) {
        String general = reason.replaceAll("\\b\\d+\\b", "N").replaceFirst("^line N: ", "");
        int colon = general.indexOf(": ");
        return (colon > 0 ? general.substring(0, colon) : general).strip();
    }
}
