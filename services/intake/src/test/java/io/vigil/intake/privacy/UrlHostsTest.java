package io.vigil.intake.privacy;

import static org.assertj.core.api.Assertions.assertThat;

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
}
