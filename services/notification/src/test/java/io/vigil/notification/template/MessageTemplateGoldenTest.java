package io.vigil.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped template in every language, rendered with typical values, compared to the letter with
 * the expected output in {@code src/test/resources/golden/<key>.<language>[.<variant>].txt}.
 *
 * <p>After a deliberate change of wording, regenerate the files, read the difference and commit it:
 * <pre>
 * ./mvnw -q test -pl services/notification -Dtest=MessageTemplateGoldenTest -Dgolden.update=true
 * </pre>
 * ({@code -Dgolden.update=true} writes the files instead of comparing; the run then fails, so an
 * update is never mistaken for a pass.)
 */
class MessageTemplateGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private final ShippedTemplates shipped = ShippedTemplates.load();
    private final TemplateRenderer renderer = Renderers.strict();

    /** The cases: typical values, plus the variants whose wording differs (no steps, no guardian's name). */
    private record Case(String file, TemplateVersion version, Map<String, Object> data) {
    }

    @TestFactory
    List<DynamicTest> everyTemplateAndLanguageRendersAsItsGoldenFile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.file(), () -> {
                String actual = describe(renderer.render(c.version(), false, c.data()));
                Path expected = GOLDEN.resolve(c.file());
                if (UPDATE) {
                    Files.writeString(expected, actual, StandardCharsets.UTF_8);
                    throw new AssertionError("Wrote " + expected + "; run again without -Dgolden.update");
                }
                assertThat(expected).as("golden file %s (see this test's javadoc to regenerate)", expected).exists();
                assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> noGoldenFileIsLeftOver() throws IOException {
        List<String> expected = cases().stream().map(Case::file).toList();
        try (var files = Files.list(GOLDEN)) {
            return files.map(p -> p.getFileName().toString()).sorted()
                    .map(name -> DynamicTest.dynamicTest(name, () -> assertThat(expected).contains(name))).toList();
        }
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (TemplateKey key : TemplateKey.values()) {
            for (String language : key.shippedLanguages().stream().sorted().toList()) {
                TemplateVersion version = shipped.find(key, language).orElseThrow();
                String base = key.key() + "." + language;
                cases.add(new Case(base + ".txt", version, SampleData.of(key)));
                if (key.variable("requiredSteps").isPresent()) {
                    cases.add(new Case(base + ".no-steps.txt", version, with(key, d -> {
                        d.remove("requiredSteps");
                        return d;
                    })));
                }
                if (key.variable("guardianName").isPresent()) {
                    cases.add(new Case(base + ".no-name.txt", version, with(key, d -> {
                        d.remove("guardianName");
                        return d;
                    })));
                }
            }
        }
        return cases;
    }

    private static Map<String, Object> with(TemplateKey key, UnaryOperator<Map<String, Object>> change) {
        return change.apply(new HashMap<>(SampleData.of(key)));
    }

    private static String describe(Rendered r) {
        return "ref: " + r.templateRef() + "\nlanguage: " + r.language() + "\n== subject\n" + r.subject()
                + "\n== body\n" + r.body() + "== sms\n" + r.sms() + "\n";
    }
}
