package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void optionsFlagsAndDefaults() {
        CommandLine line = new CommandLine(new String[] {"--alerts", "200_000", "--jfr", "--doc", "x.md"},
                Set.of("jfr", "quick"));
        assertThat(line.integer("alerts", 1)).isEqualTo(200_000);
        assertThat(line.integer("repetitions", 3)).isEqualTo(3);
        assertThat(line.string("doc", "d.md")).isEqualTo("x.md");
        assertThat(line.flag("jfr")).isTrue();
        assertThat(line.flag("quick")).isFalse();
        line.requireAllTaken();
    }

    @Test
    void unknownOptionsAndMissingRequiredOnesAreRefused() {
        CommandLine line = new CommandLine(new String[] {"--typo", "1"}, Set.of());
        assertThatThrownBy(() -> line.required("state-dir")).hasMessageContaining("--state-dir");
        assertThatThrownBy(line::requireAllTaken).hasMessageContaining("typo");
        assertThatThrownBy(() -> new CommandLine(new String[] {"stray"}, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
