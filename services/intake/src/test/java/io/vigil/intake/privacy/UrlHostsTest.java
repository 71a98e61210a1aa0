package io.vigil.intake.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlHostsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "https://www.Example.test/path?q=secret, www.example.test",
        "http://example.test:8080/a, example.test",
        "example.test/some/page, example.test",
        "'', NULL",
        "NULL, NULL",
        "http://exa mple.test/, NULL"
    })
    void keepsOnlyTheHost(String url, String host) {
        assertThat(UrlHosts.hostOf(url)).isEqualTo(host);
    }

    @Test
    void aHostLongerThanADnsNameIsNone() {
        // Such a URL once reached triage, whose host column holds 255 characters, and held up its alerts.
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(56) + ".test";
        assertThat(longest).hasSize(UrlHosts.MAX_HOST_LENGTH);
        assertThat(UrlHosts.hostOf("https://" + longest + "/p")).isEqualTo(longest);
        assertThat(UrlHosts.hostOf("https://a" + longest + "/p")).isNull();
        assertThat(UrlHosts.hostOf("https://" + "x".repeat(20_000) + ".test/")).isNull();
    }
}
