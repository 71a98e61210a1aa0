package io.vigil.notification.preference;

import io.vigil.contracts.incident.Severity;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which channels reach one member of staff about an incident of a given severity: their own choice
 * if they made one, else the school's; for a critical incident the school's channels always apply
 * as well, so nobody can opt out of being told at once. A text message needs a mobile number; with
 * nothing else left, e-mail is used.
 */
public final class ChannelPolicy {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    /** A Teams channel or a trust's endpoint (a school's webhook destination), never a person. */
    public static final String WEBHOOK = "webhook";
    /** The channels that reach a person (a webhook reaches a team's channel, not a person). */
    public static final List<String> PERSONAL = List.of(EMAIL, SMS);

    private ChannelPolicy() {
    }

    public static Set<String> forPerson(Severity severity, Set<String> school, Set<String> own, boolean hasMobile) {
        Set<String> channels = new LinkedHashSet<>(own != null ? own : school);
        if (severity == Severity.CRITICAL) {
            channels.addAll(school);
        }
        channels.retainAll(PERSONAL);
        if (!hasMobile) {
            channels.remove(SMS);
        }
        if (channels.isEmpty()) {
            channels.add(EMAIL);
        }
        return channels;
    }

    /** Parses a comma-separated list of personal channels, e.g. {@code "email,sms"}. */
    public static Set<String> parse(String list) {
        Set<String> channels = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(c -> c.strip().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                .forEach(channels::add);
        return channels;
    }
}
