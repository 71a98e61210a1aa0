package io.vigil.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shipped file format, and language codes. */
class TemplateTextTest {

    @Test
    void aFileHasSubjectBodyAndSmsWithSurroundingBlankLinesDropped() {
        TemplateText text = TemplateText.parse("t", "== subject\nHello {schoolName}\n\n== body\n\nLine one\n\nLine two\n\n"
                + "== sms\nShort\n");
        assertThat(text).isEqualTo(new TemplateText("Hello {schoolName}", "Line one\n\nLine two", "Short"));
    }

    @Test
    void aFileWithoutEveryPartInOrderIsRefused() {
        assertThatThrownBy(() -> TemplateText.parse("t.txt", "== subject\nx\n== sms\ny\n"))
                .hasMessageContaining("t.txt");
        assertThatThrownBy(() -> TemplateText.parse("t.txt", "== subject\nx\n== body\ny\n== sms\nz\n== footer\n"))
                .hasMessageContaining("footer");
    }

    @Test
    void languagesAreNormalisedToTheirPrimaryCode() {
        assertThat(Languages.normalise("pl-PL")).isEqualTo("pl");
        assertThat(Languages.normalise("UR")).isEqualTo("ur");
        assertThat(Languages.normalise(null)).isEqualTo("en");
        assertThat(Languages.isValid(Languages.normalise("../x"))).isFalse();
    }
}
