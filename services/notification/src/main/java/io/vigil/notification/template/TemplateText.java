package io.vigil.notification.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three parts of one message's wording, as Qute source: the e-mail subject, the e-mail body and
 * a short text message. A shipped file holds them under the lines {@code == subject},
 * {@code == body} and {@code == sms}, in that order.
 */
public record TemplateText(String subject, String body, String sms) {

    /** The parts, in the order files and errors name them. */
    public static final List<String> PARTS = List.of("subject", "body", "sms");

    /** The source of one part by its name. */
    public String part(String name) {
        return switch (name) {
            case "subject" -> subject;
            case "body" -> body;
            case "sms" -> sms;
            default -> throw new IllegalArgumentException("No template part " + name);
        };
    }

    /**
     * Reads a shipped file; {@code name} only appears in errors. Blank lines around each part are
     * dropped, so the file can be laid out for reading.
     */
    public static TemplateText parse(String name, String file) {
        Map<String, StringBuilder> parts = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : file.replace("\r\n", "\n").split("\n", -1)) {
            if (line.startsWith("== ")) {
                String part = line.substring(3).strip();
                if (!PARTS.contains(part) || parts.containsKey(part)) {
                    throw new IllegalStateException(name + ": unexpected section '" + line + "'");
                }
                current = new StringBuilder();
                parts.put(part, current);
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!line.isBlank()) {
                throw new IllegalStateException(name + ": text before the first section");
            }
        }
        if (!List.copyOf(parts.keySet()).equals(PARTS)) {
            throw new IllegalStateException(name + ": needs the sections " + PARTS + " in that order, has "
                    + parts.keySet());
        }
        return new TemplateText(trimBlankLines(parts.get("subject")), trimBlankLines(parts.get("body")),
                trimBlankLines(parts.get("sms")));
    }

    private static String trimBlankLines(StringBuilder text) {
        return text.toString().replaceAll("^(\\s*\\n)+", "").stripTrailing();
    }
}
