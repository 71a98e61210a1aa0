package io.vigil.intake.directory;

import static io.vigil.common.text.Strings.blankToNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.problem.Problem;
import io.vigil.contracts.directory.DirectoryAccount;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the fields of one directory record, from a JSON object or a CSV row turned into one (every
 * cell a string), and collects an error per bad field named as the client sent it, e.g.
 * {@code records[3].dateOfBirth}. Unknown fields are ignored and never stored.
 *
 * <p>Free-text values lose any leading {@code = + - @} (and tab or carriage return), so no value
 * held or re-emitted can be read as a spreadsheet formula. Every other value has a strict format
 * (ids, dates, year groups, flags, e-mail addresses) that no formula passes, except a mobile
 * number, which may start with {@code +} followed only by digits.
 */
final class FieldReader {

    static final int MAX_TEXT = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9_'][A-Za-z0-9._%+'-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern MOBILE = Pattern.compile("\\+?[0-9]{7,15}");
    private static final String FORMULA_START = "=+-@\t\r";
    /** Separates the entries of a list written as text (a CSV cell). */
    private static final String LIST_SEPARATOR = ";";
    /** Separates applianceId, username and deviceId of an account written as text. */
    private static final String ACCOUNT_SEPARATOR = "|";
    private static final Comparator<DirectoryAccount> ACCOUNT_ORDER = Comparator
            .comparing(DirectoryAccount::applianceId, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(DirectoryAccount::username, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(DirectoryAccount::deviceId, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    private final ObjectNode record;
    private final String prefix;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    FieldReader(int index, ObjectNode record) {
        this.record = record;
        this.prefix = "records[" + index + "].";
    }

    List<Problem.FieldError> errors() {
        return errors;
    }

    void error(String field, String message) {
        errors.add(new Problem.FieldError(prefix + field, message));
    }

    /** A required id: letters, digits and {@code . _ : -}, starting with a letter or digit, at most 64. */
    String id(String field) {
        String value = raw(field);
        if (value == null) {
            error(field, "is required");
        } else if (!ID.matcher(value).matches()) {
            error(field, "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** Optional free text, with any leading formula character removed. */
    String text(String field, int maxLength) {
        String value = defuse(raw(field));
        if (value != null && value.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** Required free text, with any leading formula character removed. */
    String requiredText(String field, int maxLength) {
        String value = text(field, maxLength);
        if (value == null) {
            error(field, "is required");
        }
        return value;
    }

    /** A required yes/no: JSON true/false, or text true/false, yes/no, y/n, 1/0. */
    boolean flag(String field) {
        JsonNode node = record.get(field);
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        String value = raw(field);
        if (value == null) {
            error(field, "is required (true or false)");
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> {
                return true;
            }
            case "false", "no", "n", "0" -> {
                return false;
            }
            default -> {
                error(field, "must be true or false");
                return false;
            }
        }
    }

    /** A required ISO-8601 calendar date ({@code yyyy-MM-dd}), not in the future. */
    LocalDate date(String field, LocalDate today) {
        String value = raw(field);
        if (value == null) {
            error(field, "is required (yyyy-MM-dd)");
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isAfter(today)) {
                error(field, "must not be in the future");
            }
            return date;
        } catch (DateTimeParseException e) {
            error(field, "must be a valid date (yyyy-MM-dd)");
            return null;
        }
    }

    /** A required value out of {@code allowed}, matched case-insensitively and returned as listed. */
    String oneOf(String field, List<String> allowed) {
        String value = raw(field);
        if (value == null) {
            error(field, "is required, one of " + String.join(", ", allowed));
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        error(field, "must be one of " + String.join(", ", allowed));
        return null;
    }

    /** An optional e-mail address, lower-cased. */
    String email(String field) {
        String value = raw(field);
        if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
            error(field, "must be an e-mail address");
            return null;
        }
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** An optional mobile number: digits, optionally after a leading {@code +}; spaces, dashes and brackets dropped. */
    String mobile(String field) {
        String value = raw(field);
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[\\s()-]", "");
        if (!MOBILE.matcher(digits).matches()) {
            error(field, "must be a phone number: 7 to 15 digits, optionally after a leading +");
            return null;
        }
        return digits;
    }

    /** A list of ids: a JSON array of strings, or text separated by {@code ;}; sorted, without repeats. */
    List<String> ids(String field) {
        List<String> values = new ArrayList<>();
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    error(field, "must be a list of ids");
                    return values;
                }
                values.add(element.asText().strip());
            }
        } else if (node.isTextual()) {
            for (String part : node.asText().split(LIST_SEPARATOR)) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        } else {
            error(field, "must be a list of ids");
            return values;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!ID.matcher(values.get(i)).matches()) {
                error(field + "[" + i + "]", "must be an id: 1 to 64 letters, digits, '.', '_', ':' or '-'");
            }
        }
        return List.copyOf(new TreeSet<>(values));
    }

    /**
     * The accounts a person has on appliances: a JSON array of {applianceId, username, deviceId}, or
     * text with entries separated by {@code ;}, each {@code applianceId|username|deviceId} (empty
     * parts absent; trailing parts may be left out). Sorted, without repeats.
     */
    List<DirectoryAccount> accounts(String field) {
        List<DirectoryAccount> accounts = new ArrayList<>();
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return accounts;
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode element : node) {
                if (!element.isObject()) {
                    error(field + "[" + i + "]", "must be an object with applianceId, username, deviceId");
                } else {
                    add(accounts, field + "[" + i + "]", textOf(element.get("applianceId")),
                            textOf(element.get("username")), textOf(element.get("deviceId")));
                }
                i++;
            }
        } else if (node.isTextual()) {
            int i = 0;
            for (String entry : node.asText().split(LIST_SEPARATOR)) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.split(Pattern.quote(ACCOUNT_SEPARATOR), -1);
                if (parts.length > 3) {
                    error(field + "[" + i + "]", "must be applianceId|username|deviceId");
                } else {
                    add(accounts, field + "[" + i + "]", part(parts, 0), part(parts, 1), part(parts, 2));
                }
                i++;
            }
        } else {
            error(field, "must be a list of accounts");
        }
        return sorted(accounts);
    }

    /** Accounts in the one order records are compared in, without repeats. */
    static List<DirectoryAccount> sorted(java.util.Collection<DirectoryAccount> accounts) {
        TreeSet<DirectoryAccount> sorted = new TreeSet<>(ACCOUNT_ORDER);
        sorted.addAll(accounts);
        return List.copyOf(sorted);
    }

    private void add(List<DirectoryAccount> accounts, String field, String applianceId, String username,
            String deviceId) {
        String user = defuse(username);
        String device = defuse(deviceId);
        if (applianceId != null && !ID.matcher(applianceId).matches()) {
            error(field + ".applianceId", "must be an appliance id");
        }
        if (user == null && device == null) {
            error(field, "must have a username or a deviceId");
        }
        if (user != null && user.length() > MAX_TEXT) {
            error(field + ".username", "must be at most " + MAX_TEXT + " characters");
        }
        if (device != null && device.length() > MAX_TEXT) {
            error(field + ".deviceId", "must be at most " + MAX_TEXT + " characters");
        }
        accounts.add(new DirectoryAccount(applianceId, user, device));
    }

    private static String part(String[] parts, int index) {
        return index < parts.length ? blankToNull(parts[index]) : null;
    }

    /** The field as stripped text, null when absent or blank; numbers are read as their text. */
    private String raw(String field) {
        JsonNode node = record.get(field);
        if (node != null && !node.isNull() && !node.isValueNode()) {
            error(field, "must be a single value");
            return null;
        }
        return textOf(node);
    }

    private static String textOf(JsonNode node) {
        return node == null || node.isNull() ? null : blankToNull(node.asText());
    }


    /** Removes leading characters that make a spreadsheet read the value as a formula. */
    static String defuse(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        while (start < value.length()
                && (FORMULA_START.indexOf(value.charAt(start)) >= 0 || Character.isWhitespace(value.charAt(start)))) {
            start++;
        }
        return blankToNull(value.substring(start));
    }

    static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
