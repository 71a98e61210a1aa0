package io.vigil.notification.preference;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.incident.Severity;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which channels reach a member of staff: their own choice, the school's, and the critical floor. */
class ChannelPolicyTest {

    @ParameterizedTest(name = "{0}: school {1}, own {2}, mobile {3} → {4}")
    @CsvSource(nullValues = "-", value = {
        "high,     email,     -,         true,  email",
        "high,     email,     sms,       true,  sms",
        "high,     email;sms, email,     true,  email",
        "critical, email;sms, email,     true,  email;sms",
        "critical, email,     sms,       true,  sms;email",
        "high,     email;sms, -,         false, email",
        "medium,   email,     sms,       false, email",
        "low,      webhook,   -,         true,  email"
    })
    void channelsForAPerson(String severity, String school, String own, boolean mobile, String expected) {
        assertThat(ChannelPolicy.forPerson(Severity.fromWire(severity), set(school), own == null ? null : set(own),
                mobile)).containsExactlyElementsOf(set(expected));
    }

    private static Set<String> set(String list) {
        return ChannelPolicy.parse(list.replace(';', ','));
    }
}
