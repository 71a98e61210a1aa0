package io.vigil.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresSectionTest {

    @Test
    void onlyWhatStandsBetweenTheMarkersIsReplaced() {
        String page = "# P\n\nintro\n<!-- a:begin -->\nold\n<!-- a:end -->\nafter\n<!-- b:begin -->\nB\n<!-- b:end -->\n";
        String next = FiguresSection.replace(page, "<!-- a:begin -->", "<!-- a:end -->", "## A", "new\n");
        assertThat(next).isEqualTo("# P\n\nintro\n<!-- a:begin -->\nnew\n<!-- a:end -->\nafter\n"
                + "<!-- b:begin -->\nB\n<!-- b:end -->\n");
        assertThat(FiguresSection.replace(next, "<!-- b:begin -->", "<!-- b:end -->", "## B", "C\n"))
                .contains("<!-- a:begin -->\nnew\n").contains("<!-- b:begin -->\nC\n<!-- b:end -->");
    }

    @Test
    void aPageWithoutTheMarkersGetsThemAtItsEndUnderTheHeading() {
        assertThat(FiguresSection.replace("# P\n", "<!-- t:begin -->", "<!-- t:end -->", "## T", "x\n"))
                .isEqualTo("# P\n\n## T\n\n<!-- t:begin -->\nx\n<!-- t:end -->\n");
    }
}
