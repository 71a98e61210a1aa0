package io.vigil.intake.parse;

import java.util.Locale;

/** Maps the vendors' level words to Vigil's 1 (lowest) to 5 vendor severity. */
public final class Severities {

    private Severities() {
    }

    /**
     * Syslog-style level names (emergency .. debug, as FortiGate's {@code level} and Sophos's
     * {@code priority} use them): emergency, alert and critical 5; error 4; warning 3; notice 2;
     * information and debug 1; anything else {@code null}.
     */
    public static Integer ofLevelName(String level) {
        if (level == null) {
            return null;
        }
        String l = level.strip().toLowerCase(Locale.ROOT);
        if (l.startsWith("emerg") || l.equals("alert") || l.startsWith("crit")) {
            return 5;
        }
        if (l.startsWith("err")) {
            return 4;
        }
        if (l.startsWith("warn")) {
            return 3;
        }
        if (l.equals("notice")) {
            return 2;
        }
        if (l.startsWith("info") || l.equals("debug")) {
            return 1;
        }
        return null;
    }

    /**
     * CEF severity: 0-10 (0-2 is 1, 3-4 is 2, 5-6 is 3, 7-8 is 4, 9-10 is 5) or the words Low (1),
     * Medium (3), High (4), Very-High (5); Unknown or anything else {@code null}.
     */
    public static Integer ofCef(String severity) {
        if (severity == null) {
            return null;
        }
        String s = severity.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "low":
                return 1;
            case "medium":
                return 3;
            case "high":
                return 4;
            case "very-high", "very high", "veryhigh":
                return 5;
            default:
                break;
        }
        if (s.isEmpty() || s.length() > 2 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int n = Integer.parseInt(s);
        if (n > 10) {
            return null;
        }
        return n <= 2 ? 1 : n <= 4 ? 2 : n <= 6 ? 3 : n <= 8 ? 4 : 5;
    }
}
