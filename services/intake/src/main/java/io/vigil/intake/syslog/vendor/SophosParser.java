package io.vigil.intake.syslog.vendor;

import io.vigil.intake.parse.Actions;
import io.vigil.intake.parse.Actions.Verdict;
import io.vigil.intake.parse.Digests;
import io.vigil.intake.parse.KeyValues;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.parse.Severities;
import io.vigil.intake.parse.Texts;
import io.vigil.intake.parse.Times;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Sophos Firewall (SFOS, formerly XG) web-filter logs: {@code key=value} lines with
 * {@code log_type="Content Filtering"}, in the older form ({@code device="SFW" date=... time=...
 * user_name=... src_ip=...}) and the SFOS 19+ form ({@code timestamp=... user=...}).
 * {@code log_subtype} Denied is blocked, Warned or Proceeded is flagged, Allowed is ignored; other
 * log types (Firewall, Event, IPS...) are not web-filter logs. The id is the device and
 * {@code transactionid} when the firewall sets one, else a digest of the line.
 */
final class SophosParser extends BaseParser {

    SophosParser(ParserLimits limits, ZoneId zone, Clock clock) {
        super(limits, zone, clock);
    }

    @Override
    public String vendor() {
        return "sophos";
    }

    @Override
    ParseOutcome parseLine(SyslogMessage message, String line) {
        KeyValues f = KeyValues.parse(line, limits);
        if (f.error() != null) {
            throw reject(f.error());
        }
        String logType = f.get("log_type");
        if (logType == null) {
            throw reject("not a Sophos Firewall log: no log_type field");
        }
        if (!logType.equalsIgnoreCase("Content Filtering")) {
            return new ParseOutcome.Ignored("not a web-filter log");
        }
        String subtype = f.first("log_subtype", "action");
        Verdict verdict = Actions.classify(subtype);
        if (verdict == Verdict.ALLOWED) {
            return new ParseOutcome.Ignored("allowed");
        }
        if (verdict == Verdict.UNKNOWN) {
            throw reject(subtype == null ? "no log_subtype in web-filter log"
                    : "unknown log_subtype: " + Texts.clip(subtype, 40));
        }
        ZoneId deviceZone = Texts.firstNonNull(Times.zoneOf(f.get("timezone")), zone);
        String device = f.first("device_serial_id", "device_id", "device_name");
        String transaction = f.get("transactionid");
        return new ParseOutcome.Alert(new ParsedAlert(
                transaction == null || device == null ? Digests.ofNormalised(line)
                        : Digests.fitted("sophos:" + device + ":" + transaction),
                occurredAt(message, Times.fromIso(f.get("timestamp"), deviceZone),
                        Times.fromDateAndTime(f.get("date"), f.get("time"), deviceZone)),
                Texts.firstNonNull(f.get("category"), f.get("category_type"), "Uncategorised"),
                Actions.alertAction(verdict),
                f.first("user_name", "user"),
                f.first("src_ip", "src_host"),
                f.first("url", "domain"),
                Severities.ofLevelName(f.first("priority", "severity"))));
    }
}
