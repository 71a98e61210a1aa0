package io.vigil.notification.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typical values for every key's variables: what a preview shows when the caller gives none, what
 * a trust's new wording is tried with before it is accepted, and what the text-message length is
 * measured with. Values are of a realistic length, neither the shortest nor the longest.
 */
public final class SampleData {

    private static final String CASE_LINK = "https://vigil.example-trust.sch.uk/cases/7f3c9a2e-5b1d-4e8a-9c6f-2d4b8e1a0c3f";

    private SampleData() {
    }

    /** Sample values for every variable of {@code key}, optional ones included. */
    public static Map<String, Object> of(TemplateKey key) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (TemplateKey.Variable variable : key.variables()) {
            data.put(variable.name(), value(key, variable.name()));
        }
        return data;
    }

    private static Object value(TemplateKey key, String name) {
        return switch (name) {
            case "schoolName" -> "St Aidan's Church of England Primary School";
            case "severity" -> "high";
            case "categoryGroup" -> "Content";
            case "caseLink" -> CASE_LINK;
            case "requiredSteps" -> List.of("Do not open, copy or forward the content",
                    "Tell the head teacher today", "Record what you do in the case");
            case "reason" -> "Not acknowledged within 15 minutes";
            case "level" -> "2 (head teacher)";
            case "applianceName" -> "Smoothwall filter (main site)";
            case "silentSince" -> "Monday 23 November, 09:40";
            case "period" -> "Monday 23 November";
            case "count" -> "3";
            case "caseLinks" -> List.of(CASE_LINK, CASE_LINK.replace("7f3c", "81aa"), CASE_LINK.replace("7f3c", "0b5e"));
            case "guardianName" -> "Ms Kowalska";
            case "schoolPhone" -> "01632 960 123";
            case "schoolEmail" -> "safeguarding@st-aidans.example.sch.uk";
            case "contactRole" -> "Designated Safeguarding Lead";
            default -> throw new IllegalStateException("No sample value for " + name + " of " + key.key());
        };
    }
}
