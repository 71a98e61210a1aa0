package io.vigil.intake.syslog.vendor;

import io.vigil.intake.parse.Actions;
import io.vigil.intake.parse.Actions.Verdict;
import io.vigil.intake.parse.Digests;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.parse.Severities;
import io.vigil.intake.parse.Texts;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Web-filter events in the Common Event Format from any appliance. The action is {@code act}
 * (or a blocked/allowed word in the event name); the category is a custom string labelled
 * "Category", else {@code cat}, else the event name; the URL is {@code request}; the user
 * {@code suser}; the device {@code shost} or {@code src}; the time {@code rt}; the id
 * {@code externalId}. An event with neither a URL nor a labelled category is not a web-filter log.
 */
final class CefParser extends BaseParser {

    CefParser(ParserLimits limits, ZoneId zone, Clock clock) {
        super(limits, zone, clock);
    }

    @Override
    public String vendor() {
        return "cef";
    }

    @Override
    ParseOutcome parseLine(SyslogMessage message, String line) {
        if (!CefEvent.isCef(line)) {
            throw reject("not a CEF record: no CEF: header");
        }
        CefEvent event = CefEvent.parse(line, limits);
        String url = Texts.firstNonNull(event.get("request"), event.get("dhost"));
        String labelledCategory = event.labelled("categor");
        if (url == null && labelledCategory == null) {
            return new ParseOutcome.Ignored("not a web-filter log");
        }
        String act = Texts.firstNonNull(event.get("act"), event.get("deviceAction"));
        Verdict verdict = act != null ? Actions.classify(act) : verdictFromName(event.name());
        switch (verdict) {
            case ALLOWED:
                return new ParseOutcome.Ignored(Actions.allowedReason(act));
            case UNKNOWN:
                throw reject(act == null ? "no action (act) in CEF event" : "unknown action: " + Texts.clip(act, 40));
            default:
                break;
        }
        String category = Texts.firstNonNull(labelledCategory, event.get("cat"), Texts.present(event.name()),
                "Uncategorised");
        String externalId = event.get("externalId");
        String eventId = externalId == null ? Digests.ofNormalised(line)
                : Digests.fitted("cef:" + event.deviceVendor() + ":" + event.deviceProduct() + ":"
                        + Texts.firstNonNull(event.get("dvchost"), event.get("deviceExternalId"), "") + ":" + externalId);
        return new ParseOutcome.Alert(new ParsedAlert(
                eventId,
                occurredAt(message, event.time("rt", zone), event.time("end", zone), event.time("start", zone)),
                category,
                Actions.alertAction(verdict),
                Texts.firstNonNull(event.get("suser"), event.get("duser")),
                Texts.firstNonNull(event.get("shost"), event.get("src"), event.get("smac")),
                url,
                Severities.ofCef(event.severity())));
    }

    private static Verdict verdictFromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("block") || n.contains("denied")) {
            return Verdict.BLOCKED;
        }
        if (n.contains("allow") || n.contains("permit")) {
            return Verdict.ALLOWED;
        }
        return Verdict.UNKNOWN;
    }
}
