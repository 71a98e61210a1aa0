package io.vigil.intake.syslog.vendor;

import io.vigil.intake.csv.CsvTokenizer;
import io.vigil.intake.parse.Digests;
import io.vigil.intake.parse.KeyValues;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.parse.SmoothwallEntry;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Smoothwall Filter web-filter lines sent by syslog, in one of two shapes:
 * <ul>
 *   <li>{@code key=value}: {@code time="2024-05-01 10:12:01" username="jsmith" ip=10.0.0.5
 *       group="Pupils" action=blocked categories="Pornography, Adult" url="http://..." httpcode=403}
 *       (also {@code user}, {@code src_ip}/{@code clientip}, {@code category}, {@code status}/{@code code});</li>
 *   <li>comma-separated in the columns of the web-filter report: time, username, source IP, group,
 *       HTTP code, URL, categories and, when present, action.</li>
 * </ul>
 * A request is blocked when the action says so or the code is 403 (Smoothwall's block page); the
 * id is a digest of the line.
 */
final class SmoothwallParser extends BaseParser {

    private static final Pattern KEY_VALUE_START = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*=");
    private static final int REPORT_COLUMNS = 7;

    SmoothwallParser(ParserLimits limits, ZoneId zone, Clock clock) {
        super(limits, zone, clock);
    }

    @Override
    public String vendor() {
        return "smoothwall";
    }

    @Override
    ParseOutcome parseLine(SyslogMessage message, String line) {
        SmoothwallEntry entry = KEY_VALUE_START.matcher(line).find() ? fromKeyValues(line) : fromColumns(line);
        if (entry.url() == null && entry.categories() == null) {
            throw reject("Smoothwall line has neither a URL nor categories");
        }
        return entry.outcome(Digests.ofNormalised(line), occurredAt(message, entry.instant(zone)));
    }

    private SmoothwallEntry fromKeyValues(String line) {
        KeyValues f = KeyValues.parse(line, limits);
        if (f.error() != null) {
            throw reject(f.error());
        }
        return new SmoothwallEntry(f.first("time", "timestamp"), f.first("username", "user"),
                f.first("ip", "src_ip", "clientip"), f.get("group"), f.first("httpcode", "status", "code"),
                f.get("url"), f.first("categories", "category"), f.get("action"));
    }

    private SmoothwallEntry fromColumns(String line) {
        CsvTokenizer.Record record = CsvTokenizer.splitLine(line, ',', limits.maxLineLength(), limits.maxFields());
        if (record.error() != null) {
            throw reject(record.error());
        }
        List<String> c = record.cells();
        if (c.size() < REPORT_COLUMNS) {
            throw reject("not a Smoothwall line: " + c.size() + " comma-separated fields, expected at least "
                    + REPORT_COLUMNS);
        }
        checkFields(c);
        return new SmoothwallEntry(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6),
                c.size() > REPORT_COLUMNS ? c.get(REPORT_COLUMNS) : null);
    }
}
