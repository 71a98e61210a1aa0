package io.vigil.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wording Vigil ships: one file per (key, language) under {@code message-templates/}, named
 * {@code <key>.<language>.txt}. Outside Qute's {@code templates/} folder on purpose: these are read
 * and checked here, as a trust's own wording is, not type-checked at build time.
 */
public final class ShippedTemplates {

    public static final String FOLDER = "message-templates/";

    private final Map<String, TemplateVersion> versions;

    private ShippedTemplates(Map<String, TemplateVersion> versions) {
        this.versions = versions;
    }

    /** Reads every shipped file; a key without its file in a language it promises is a build mistake. */
    public static ShippedTemplates load() {
        Map<String, TemplateVersion> versions = new LinkedHashMap<>();
        for (TemplateKey key : TemplateKey.values()) {
            for (String language : key.shippedLanguages()) {
                String file = fileName(key, language);
                versions.put(file, TemplateVersion.shipped(key, language, TemplateText.parse(file, read(file))));
            }
        }
        return new ShippedTemplates(versions);
    }

    /** The shipped wording of (key, language), if Vigil ships that language for the key. */
    public Optional<TemplateVersion> find(TemplateKey key, String language) {
        return Optional.ofNullable(versions.get(fileName(key, language)));
    }

    public static String fileName(TemplateKey key, String language) {
        return key.key() + "." + language + ".txt";
    }

    private static String read(String file) {
        try (InputStream in = ShippedTemplates.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("Shipped template " + FOLDER + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FOLDER + file, e);
        }
    }
}
