package io.vigil.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.FourCs;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The JSON a webhook receives, in the shape its receiver understands; nothing beyond {@link WebhookAlert}. */
final class WebhookBodies {

    static final String GENERIC_TYPE = "uk.vigil.staff-alert.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBodies() {
    }

    static byte[] body(WebhookTarget.Format format, WebhookAlert alert) {
        ObjectNode body = format == WebhookTarget.Format.TEAMS ? teams(alert) : generic(alert);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serialises", e);
        }
    }

    /** Vigil's own document: ids and words a receiver can route on. */
    static ObjectNode generic(WebhookAlert alert) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", GENERIC_TYPE);
        body.put("notificationId", alert.notificationId().toString());
        body.put("event", alert.event().wireName());
        body.put("incidentId", alert.incidentId());
        body.putObject("school").put("id", alert.schoolId()).put("name", alert.schoolName());
        body.put("severity", alert.severity().wireName());
        ArrayNode groups = body.putArray("categoryGroups");
        alert.categoryGroups().forEach(group -> groups.add(group.wireName()));
        body.put("caseUrl", alert.caseLink().toString());
        return body;
    }

    /** Reads {@link #generic} back; the ledger keeps that document for the retries of a message. */
    static WebhookAlert alert(String genericJson) {
        JsonNode body;
        try {
            body = JSON.readTree(genericJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a webhook alert document", e);
        }
        WebhookAlert.Event event = Arrays.stream(WebhookAlert.Event.values())
                .filter(e -> e.wireName().equals(body.path("event").asText()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown webhook event " + body.path("event")));
        List<FourCs> groups = new ArrayList<>();
        body.path("categoryGroups").forEach(group -> groups.add(FourCs.fromWire(group.asText())));
        return new WebhookAlert(UUID.fromString(body.path("notificationId").asText()), event,
                body.path("incidentId").asText(), body.path("school").path("id").asText(),
                body.path("school").path("name").asText(), Severity.fromWire(body.path("severity").asText()), groups,
                URI.create(body.path("caseUrl").asText()));
    }

    /** A Teams message carrying one Adaptive Card: a headline, the facts and a button to the case. */
    static ObjectNode teams(WebhookAlert alert) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode items = card.putArray("body");
        items.addObject().put("type", "TextBlock").put("size", "Medium").put("weight", "Bolder").put("wrap", true)
                .put("color", alert.severity().compareTo(Severity.HIGH) >= 0 ? "Attention" : "Default")
                .put("text", alert.headline());
        ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
        facts.addObject().put("title", "School").put("value", alert.schoolName());
        facts.addObject().put("title", "Severity").put("value", alert.severity().wireName());
        if (!alert.categoryGroups().isEmpty()) {
            facts.addObject().put("title", "Category group").put("value",
                    alert.categoryGroups().stream().map(FourCs::wireName).collect(Collectors.joining(", ")));
        }
        items.addObject().put("type", "TextBlock").put("wrap", true).put("isSubtle", true)
                .put("text", "Details of the concern stay in Vigil. Sign in to see them and to record what you do.");
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open the case in Vigil")
                .put("url", alert.caseLink().toString());
        return message;
    }
}
