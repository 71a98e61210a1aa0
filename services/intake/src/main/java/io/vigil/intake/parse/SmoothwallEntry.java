package io.vigil.intake.parse;

import io.vigil.intake.parse.Actions.Verdict;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One Smoothwall web-filter request, as its syslog output and its report export give it. A request
 * is blocked when the action says so or the HTTP code is 403 (the block page), flagged when the
 * action says so, otherwise allowed.
 *
 * @param time the time as written
 * @param user the user name, or {@code null}
 * @param ip the client address, or {@code null}
 * @param group the filtering group, or {@code null}
 * @param httpCode the HTTP status code, or {@code null}
 * @param url the URL, or {@code null}
 * @param categories the category list as written, or {@code null}
 * @param action the action word, or {@code null}
 */
public record SmoothwallEntry(String time, String user, String ip, String group, String httpCode, String url,
        String categories, String action) {

    /** The category when Smoothwall gave none. */
    public static final String UNCATEGORISED = "Uncategorised";
    private static final String SEPARATOR = "\u001f";

    public SmoothwallEntry {
        time = Texts.present(time);
        user = Texts.present(user);
        ip = Texts.present(ip);
        group = Texts.present(group);
        httpCode = Texts.present(httpCode);
        url = Texts.present(url);
        categories = Texts.present(categories);
        action = Texts.present(action);
    }

    /** Blocked, flagged or allowed, as the class comment says. */
    public Verdict verdict() {
        Verdict verdict = Actions.classify(action);
        if (verdict == Verdict.BLOCKED || verdict == Verdict.FLAGGED) {
            return verdict;
        }
        return "403".equals(httpCode) ? Verdict.BLOCKED : Verdict.ALLOWED;
    }

    /** The time read in the zone, or {@code null} when absent or unreadable. */
    public Instant instant(ZoneId zone) {
        return Times.fromDateTime(time, zone);
    }

    /** The alert for a blocked or flagged request; the device is the client address. */
    private ParsedAlert toAlert(String sourceEventId, Instant occurredAt) {
        return new ParsedAlert(sourceEventId, occurredAt, categories == null ? UNCATEGORISED : categories,
                Actions.alertAction(verdict()), user, ip, url, null);
    }

    /** The outcome: the alert, or ignored as allowed. */
    public ParseOutcome outcome(String sourceEventId, Instant occurredAt) {
        Verdict verdict = verdict();
        if (verdict == Verdict.ALLOWED) {
            return new ParseOutcome.Ignored("allowed");
        }
        return new ParseOutcome.Alert(toAlert(sourceEventId, occurredAt));
    }

    /** The request in a fixed order whatever the columns' order, for a stable digest. */
    public String canonical(Instant occurredAt) {
        return String.join(SEPARATOR, String.valueOf(occurredAt), String.valueOf(user), String.valueOf(ip),
                String.valueOf(group), String.valueOf(httpCode), String.valueOf(url), String.valueOf(categories),
                String.valueOf(action));
    }
}
