package io.vigil.intake.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgePrivacyTest {

    private final EdgePrivacy privacy = new EdgePrivacy(EdgePrivacy.DEFAULT_ILLEGAL_TERMS);

    @ParameterizedTest(name = "{0} -> illegal: {1}")
    @CsvSource({
        "Child Sexual Abuse, true",
        "child_abuse, true",
        "IWF, true",
        "Blocked by IWF list, true",
        "Terrorism, true",
        "Counter-Terrorism (CTIRU), true",
        "Terrorist Content, true",
        "Pornography, false",
        "Extremist Groups, false",
        "Self Harm, false",
        "Childcare, false",
        "Kiwfruit, false"
    })
    void recognisesIllegalContentCategoriesByName(String category, boolean illegal) {
        assertThat(privacy.isIllegalContent(category)).isEqualTo(illegal);
    }

    @ParameterizedTest(name = "{0} keeps {2}")
    @CsvSource(nullValues = "NULL", value = {
        "Pornography, https://adult.example.test/x?q=a, adult.example.test",
        "Child Sexual Abuse, https://bad.example.test/x, NULL",
        "Terrorism, bad.example.test, NULL"
    })
    void keepsNoUrlAtAllForIllegalContent(String category, String url, String kept) {
        assertThat(privacy.urlHostToKeep(category, url)).isEqualTo(kept);
    }
}
