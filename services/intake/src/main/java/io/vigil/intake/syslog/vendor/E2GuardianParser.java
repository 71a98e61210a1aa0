package io.vigil.intake.syslog.vendor;

import io.vigil.intake.csv.CsvTokenizer;
import io.vigil.intake.parse.Digests;
import io.vigil.intake.parse.ParseOutcome;
import io.vigil.intake.parse.ParsedAlert;
import io.vigil.intake.parse.ParserLimits;
import io.vigil.intake.parse.Texts;
import io.vigil.intake.parse.Times;
import io.vigil.intake.syslog.SyslogMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * e2guardian access-log lines, from its log file or through syslog ({@code e2guardian[123]: ...}),
 * in the formats its {@code logfileformat} setting names:
 * <ul>
 *   <li>1, space-separated: {@code date time user ip url *FLAGS* reason method size weight category
 *       group code ...} (the reason may hold spaces; it ends at the HTTP method);</li>
 *   <li>2, the same columns comma-separated and quoted;</li>
 *   <li>3, Squid's: {@code epoch.ms elapsed ip TCP_DENIED/403 size method url user ...};</li>
 *   <li>tab-separated formats: the columns of format 1, the date and time in one or two columns.</li>
 * </ul>
 * {@code *DENIED*} (or Squid's {@code TCP_DENIED}) is blocked; {@code *FLAGGED*} or
 * {@code *WEIGHTED*} is flagged; {@code *EXCEPTION*} and everything else is ignored. The category is
 * the category column, else the {@code [bracketed]} part of the reason, else the reason before its
 * colon. e2guardian gives no id per line, so the id is a digest of the line.
 */
final class E2GuardianParser extends BaseParser {

    private static final Set<String> METHODS =
            Set.of("GET", "POST", "CONNECT", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE");
    private static final Pattern EPOCH = Pattern.compile("^\\d{9,11}\\.\\d{1,6}$");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]{1,200})\\]");
    private static final Pattern DATE = Pattern.compile("^\\d{4}[.\\-/]\\d{1,2}[.\\-/]\\d{1,2}$");

    /** The columns of one access-log line, whatever the format. */
    private record Line(Instant time, String user, String ip, String url, String what, String category) {
    }

    E2GuardianParser(ParserLimits limits, ZoneId zone, Clock clock) {
        super(limits, zone, clock);
    }

    @Override
    public String vendor() {
        return "e2guardian";
    }

    @Override
    ParseOutcome parseLine(SyslogMessage message, String text) {
        Line line;
        if (text.indexOf('\t') >= 0) {
            line = columns(split(text, '\t'), text);
        } else if (text.startsWith("\"")) {
            line = columns(split(text, ','), text);
        } else {
            String[] words = text.split(" +", limits.maxFields() + 1);
            if (words.length > limits.maxFields()) {
                throw reject(limits.checkFieldCount(words.length));
            }
            checkFields(Arrays.asList(words));
            line = EPOCH.matcher(words[0]).matches() ? squid(words) : spaced(words, text);
        }
        String what = line.what() == null ? "" : line.what().toUpperCase(Locale.ROOT);
        String action;
        if (what.contains("*DENIED*")) {
            action = ParsedAlert.BLOCKED;
        } else if (what.contains("*FLAGGED*") || what.contains("*WEIGHTED*")) {
            action = ParsedAlert.FLAGGED;
        } else {
            return new ParseOutcome.Ignored(what.contains("*EXCEPTION*") ? "exception" : "allowed");
        }
        return new ParseOutcome.Alert(new ParsedAlert(Digests.ofNormalised(text), occurredAt(message, line.time()),
                Texts.firstNonNull(line.category(), category(line.what()), "Denied"), action,
                line.user(), line.ip(), line.url(), null));
    }

    private List<String> split(String text, char delimiter) {
        CsvTokenizer.Record record = CsvTokenizer.splitLine(text, delimiter, limits.maxLineLength(), limits.maxFields());
        if (record.error() != null) {
            throw reject(record.error());
        }
        checkFields(record.cells());
        return record.cells();
    }

    /** Formats 2 and the tab-separated ones: date, time, user, ip, url, what, method, size, weight, category, ... */
    private Line columns(List<String> cells, String text) {
        String first = cells.get(0).strip();
        int shift = first.contains(" ") ? 1 : 0;
        if (cells.size() < 6 - shift) {
            throw reject("not an e2guardian access log line: " + cells.size() + " columns");
        }
        Instant time = shift == 1 ? Times.fromDateTime(first, zone)
                : Times.fromDateAndTime(first, cells.get(1), zone);
        if (time == null) {
            throw reject("not an e2guardian access log line: unreadable date " + Texts.clip(first, 30));
        }
        int category = 9 - shift;
        return new Line(time, Texts.present(cells.get(2 - shift)), Texts.present(cells.get(3 - shift)),
                Texts.present(cells.get(4 - shift)), cells.get(5 - shift),
                cells.size() > category ? Texts.present(cells.get(category)) : null);
    }

    /** Format 1: the reason after the flags runs to the HTTP method; size, weight, category words, group, code follow. */
    private Line spaced(String[] w, String text) {
        if (w.length < 5 || !DATE.matcher(w[0]).matches()) {
            throw reject("not an e2guardian access log line");
        }
        Instant time = Times.fromDateAndTime(w[0], w[1], zone);
        if (time == null) {
            throw reject("not an e2guardian access log line: unreadable date " + Texts.clip(w[0] + " " + w[1], 40));
        }
        int method = 5;
        while (method < w.length && !METHODS.contains(w[method])) {
            method++;
        }
        String what = String.join(" ", Arrays.copyOfRange(w, 5, method));
        String category = null;
        int firstCategory = method + 3;
        int end = firstCategory;
        while (end + 1 < w.length && !(isNumber(w[end]) && w[end + 1].matches("\\d{3}"))) {
            end++;
        }
        if (firstCategory < end && end + 1 < w.length) {
            category = Texts.present(String.join(" ", Arrays.copyOfRange(w, firstCategory, end)));
        }
        return new Line(time, Texts.present(w[2]), Texts.present(w[3]), Texts.present(w[4]), what, category);
    }

    /** Format 3: epoch.ms elapsed ip code/status size method url user hierarchy type. */
    private Line squid(String[] w) {
        if (w.length < 7) {
            throw reject("not an e2guardian access log line: " + w.length + " Squid-format fields");
        }
        String what = w[3].toUpperCase(Locale.ROOT).startsWith("TCP_DENIED") ? "*DENIED*" : w[3];
        return new Line(Times.fromEpoch(w[0]), w.length > 7 ? Texts.present(w[7]) : null, Texts.present(w[2]),
                Texts.present(w[6]), what, null);
    }

    private static boolean isNumber(String word) {
        return !word.isEmpty() && word.length() < 10 && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The category in a reason: its bracketed part, else the words before the colon. */
    private static String category(String what) {
        if (what == null) {
            return null;
        }
        String reason = what.replaceAll("\\*[A-Z]+\\*", "").strip();
        Matcher bracketed = BRACKETED.matcher(reason);
        if (bracketed.find()) {
            return Texts.present(bracketed.group(1));
        }
        int colon = reason.indexOf(':');
        return Texts.present(colon > 0 ? reason.substring(0, colon) : reason);
    }
}
