package io.vigil.triage.taxonomy;

import io.vigil.contracts.taxonomy.PolicyCategory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps vendors' category names onto Vigil's policy categories with the tables shipped for
 * FortiGate, Smoothwall, Sophos and e2guardian, then a table of common names for any vendor. A
 * name no table knows is {@link PolicyCategory#UNCLASSIFIED}: kept, scored and shown, never dropped.
 * Names are compared without case, punctuation or "&amp;" versus "and".
 */
public final class Taxonomy {

    /** The version of the shipped tables; a mapping names the table and version it came from. */
    public static final String SHIPPED_VERSION = "shipped-2026.11";
    static final List<String> VENDORS = List.of("fortigate", "smoothwall", "sophos", "e2guardian");
    static final String GENERIC = "generic";

    private final Map<String, Map<String, PolicyCategory>> tables;

    /** A policy category and where the mapping came from, e.g. "fortigate table shipped-2026.11". */
    public record Mapping(PolicyCategory category, String basis) {
    }

    Taxonomy(Map<String, Map<String, PolicyCategory>> tables) {
        this.tables = tables;
    }

    /** The shipped tables, read from the classpath. */
    public static Taxonomy shipped() {
        Map<String, Map<String, PolicyCategory>> tables = new HashMap<>();
        for (String vendor : VENDORS) {
            tables.put(vendor, read("/taxonomy/" + vendor + ".csv"));
        }
        tables.put(GENERIC, read("/taxonomy/" + GENERIC + ".csv"));
        return new Taxonomy(tables);
    }

    public Mapping map(String vendor, String vendorCategory) {
        String name = normalise(vendorCategory);
        String vendorKey = vendor == null ? "" : vendor.toLowerCase(Locale.ROOT);
        PolicyCategory category = tables.getOrDefault(vendorKey, Map.of()).get(name);
        if (category != null) {
            return new Mapping(category, vendorKey + " table " + SHIPPED_VERSION);
        }
        category = tables.get(GENERIC).get(name);
        if (category != null) {
            return new Mapping(category, "common names table " + SHIPPED_VERSION);
        }
        return new Mapping(PolicyCategory.UNCLASSIFIED, "no mapping for '" + vendorCategory + "'");
    }

    /** The shipped table of one vendor (normalised name to category), for display. */
    public Map<String, PolicyCategory> table(String vendor) {
        return Map.copyOf(tables.getOrDefault(vendor.toLowerCase(Locale.ROOT), Map.of()));
    }

    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        return name.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static Map<String, PolicyCategory> read(String resource) {
        Map<String, PolicyCategory> table = new HashMap<>();
        try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing taxonomy table " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                int comma = line.lastIndexOf(',');
                table.put(normalise(line.substring(0, comma)), PolicyCategory.fromSlug(line.substring(comma + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
