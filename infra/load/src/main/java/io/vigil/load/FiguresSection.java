package io.vigil.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figures written between two markers of a page ({@code docs/performance.md}), so the prose around
 * them stays as it was.
 */
final class FiguresSection {

    private FiguresSection() {
    }

    /**
     * What stands between {@code begin} and {@code end} in {@code page} replaced by {@code figures};
     * a page without the markers gets them, with {@code heading} before them, at its end.
     */
    static String replace(String page, String begin, String end, String heading, String figures) {
        String section = begin + "\n" + figures + end;
        int from = page.indexOf(begin);
        int to = from < 0 ? -1 : page.indexOf(end, from);
        if (from >= 0 && to > from) {
            return page.substring(0, from) + section + page.substring(to + end.length());
        }
        return page + (page.endsWith("\n") ? "\n" : "\n\n") + heading + "\n\n" + section + "\n";
    }

    /** A target's "met" cell: **yes** or **no**. */
    static String met(boolean met) {
        return met ? "**yes**" : "**no**";
    }

    /** Writes {@code figures} into {@code doc} (see {@link #replace}); a missing page is made. */
    static void write(Path doc, String begin, String end, String heading, String figures) throws IOException {
        String page = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Performance\n";
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, replace(page, begin, end, heading, figures), StandardCharsets.UTF_8);
    }
}
