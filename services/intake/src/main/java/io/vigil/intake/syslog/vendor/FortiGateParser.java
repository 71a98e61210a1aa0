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
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FortiGate web-filter logs, in FortiOS's {@code key=value} form or its CEF form
 * ({@code CEF:0|Fortinet|Fortigate|...} with {@code FTNTFGT}-prefixed keys).
 *
 * <p>Only {@code subtype=webfilter} logs count; traffic, event and other UTM logs are ignored.
 * {@code action=blocked} (or {@code eventtype=ftgd_blk} without an action) is a blocked alert;
 * {@code monitored} or {@code warning} is flagged; {@code passthrough}, {@code allowed} and
 * {@code exempt} are ignored, except that a passthrough in one of the school's monitored categories
 * is flagged. FortiGate gives no id per line, so the id is device, log id, {@code eventtime} and
 * session id; without {@code eventtime} and {@code devid} it is a digest of the line.
 */
final class FortiGateParser extends BaseParser {

    private static final Map<String, String> CEF_KEYS = Map.of(
            "act", "action", "request", "url", "suser", "user", "src", "srcip", "shost", "srcname",
            "deviceExternalId", "devid", "externalId", "sessionid", "dvchost", "devname", "dhost", "hostname");

    private final Set<String> monitoredCategories;

    /**
     * @param monitoredCategories FortiGuard category names (any case) whose passthrough is flagged
     */
    FortiGateParser(ParserLimits limits, ZoneId zone, Clock clock, Set<String> monitoredCategories) {
        super(limits, zone, clock);
        this.monitoredCategories = monitoredCategories.stream()
                .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String vendor() {
        return "fortigate";
    }

    @Override
    ParseOutcome parseLine(SyslogMessage message, String line) {
        Map<String, String> fields;
        if (CefEvent.isCef(line)) {
            fields = fromCef(CefEvent.parse(line, limits));
        } else {
            KeyValues kv = KeyValues.parse(line, limits);
            if (kv.error() != null) {
                throw reject(kv.error());
            }
            fields = kv.fields();
        }
        return decide(message, line, fields);
    }

    private static Map<String, String> fromCef(CefEvent event) {
        Map<String, String> fields = new HashMap<>();
        event.extension().forEach((key, value) -> {
            String name = key.startsWith("FTNTFGT") ? key.substring(7) : CEF_KEYS.getOrDefault(key, key);
            fields.putIfAbsent(name, value);
        });
        String cat = event.get("cat");
        if (cat != null && cat.contains(":")) {
            fields.putIfAbsent("type", cat.substring(0, cat.indexOf(':')));
            fields.putIfAbsent("subtype", cat.substring(cat.indexOf(':') + 1));
        }
        return fields;
    }

    private ParseOutcome decide(SyslogMessage message, String line, Map<String, String> f) {
        String type = lower(get(f, "type"));
        String subtype = lower(get(f, "subtype"));
        if (type == null && subtype == null) {
            throw reject("not a FortiGate log: no type or subtype field");
        }
        if (!"webfilter".equals(subtype) && !"webfilter".equals(type)) {
            return new ParseOutcome.Ignored("not a web-filter log");
        }
        String action = get(f, "action");
        String eventType = lower(get(f, "eventtype"));
        String category = Texts.firstNonNull(get(f, "catdesc"),
                get(f, "cat") == null ? null : "FortiGuard category " + get(f, "cat"));
        Verdict verdict = verdict(action, eventType, category);
        if (verdict == Verdict.ALLOWED) {
            return new ParseOutcome.Ignored(Actions.allowedReason(action));
        }
        if (verdict == Verdict.UNKNOWN) {
            throw reject(action == null ? "no action in web-filter log" : "unknown action: " + Texts.clip(action, 40));
        }
        ZoneId deviceZone = Texts.firstNonNull(Times.zoneOf(get(f, "tz")), zone);
        Instant fromDate = Times.fromDateAndTime(get(f, "date"), get(f, "time"), deviceZone);
        return new ParseOutcome.Alert(new ParsedAlert(
                eventId(f, line),
                occurredAt(message, Times.fromEpoch(get(f, "eventtime")), fromDate),
                Texts.firstNonNull(category, eventType == null ? null : "FortiGate " + eventType, "Web filter"),
                Actions.alertAction(verdict),
                Texts.firstNonNull(get(f, "user"), get(f, "unauthuser")),
                Texts.firstNonNull(get(f, "srcname"), get(f, "srcip")),
                url(get(f, "hostname"), get(f, "url")),
                Severities.ofLevelName(get(f, "level"))));
    }

    private Verdict verdict(String action, String eventType, String category) {
        if (action == null) {
            return eventType != null && eventType.endsWith("_blk") ? Verdict.BLOCKED : Verdict.UNKNOWN;
        }
        Verdict verdict = Actions.classify(action);
        if (verdict == Verdict.ALLOWED && category != null
                && monitoredCategories.contains(category.toLowerCase(Locale.ROOT))) {
            return Verdict.FLAGGED;
        }
        return verdict;
    }

    private static String eventId(Map<String, String> f, String line) {
        String eventTime = get(f, "eventtime");
        String devId = get(f, "devid");
        if (eventTime == null || devId == null) {
            return Digests.ofNormalised(line);
        }
        StringBuilder id = new StringBuilder("fortigate:").append(devId).append(':')
                .append(Texts.firstNonNull(get(f, "logid"), "")).append(':').append(eventTime);
        String session = get(f, "sessionid");
        if (session != null) {
            id.append(':').append(session);
        }
        return Digests.fitted(id.toString());
    }

    /** FortiOS logs the host and the path apart; the CEF form has the whole URL. */
    private static String url(String host, String path) {
        if (path != null && (path.startsWith("http://") || path.startsWith("https://"))) {
            return path;
        }
        if (host == null) {
            return path;
        }
        return path == null ? host : host + (path.startsWith("/") ? path : "/" + path);
    }

    private static String get(Map<String, String> f, String key) {
        return Texts.present(f.get(key));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
