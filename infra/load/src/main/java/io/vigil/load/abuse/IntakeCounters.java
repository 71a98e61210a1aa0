package io.vigil.load.abuse;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intake's counters of syslog lines and quarantined input as its Prometheus endpoint ({@code /q/metrics})
 * shows them at one moment: {@code vigil_intake_syslog_lines_total{channel,vendor,outcome}} and
 * {@code vigil_intake_quarantined_total{channel}} and {@code vigil_intake_quarantine_overflow_total{channel}}
 * (quarantined but not kept: intake's queue was full).
 */
public record IntakeCounters(Map<String, Double> lines, Map<String, Double> quarantined, Map<String, Double> overflow) {

    private static final Pattern SAMPLE = Pattern.compile("^(vigil_intake_syslog_lines_total|vigil_intake_quarantined_total|vigil_intake_quarantine_overflow_total)"
            + "\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Reads the exposition text. */
    public static IntakeCounters parse(String metrics) {
        Map<String, Double> lines = new HashMap<>();
        Map<String, Double> quarantined = new HashMap<>();
        Map<String, Double> overflow = new HashMap<>();
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            double value = Double.parseDouble(m.group(3));
            if (m.group(1).equals("vigil_intake_quarantined_total")) {
                quarantined.merge(labels.get("channel"), value, Double::sum);
            } else if (m.group(1).equals("vigil_intake_quarantine_overflow_total")) {
                overflow.merge(labels.get("channel"), value, Double::sum);
            } else {
                lines.merge(key(labels.get("channel"), labels.get("vendor"), labels.get("outcome")), value, Double::sum);
            }
        }
        return new IntakeCounters(Map.copyOf(lines), Map.copyOf(quarantined), Map.copyOf(overflow));
    }

    static String key(String channel, String vendor, String outcome) {
        return channel + "|" + vendor + "|" + outcome;
    }

    /** Syslog lines of {@code channel} and {@code vendor} with {@code outcome} (alert, ignored, rejected). */
    public long lines(String channel, String vendor, String outcome) {
        return Math.round(lines.getOrDefault(key(channel, vendor, outcome), 0.0));
    }

    /** Every syslog line of {@code channel} and {@code vendor}, whatever became of it. */
    public long lines(String channel, String vendor) {
        return lines(channel, vendor, "alert") + lines(channel, vendor, "ignored") + lines(channel, vendor, "rejected");
    }

    /** Quarantined inputs of {@code channel} that did not fit intake's queue: counted, not kept. */
    public long overflow(String channel) {
        return Math.round(overflow.getOrDefault(channel, 0.0));
    }

    public long quarantined(String channel) {
        return Math.round(quarantined.getOrDefault(channel, 0.0));
    }
}
