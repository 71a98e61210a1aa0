package io.vigil.intake.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What intake keeps of a URL. By default only the host (paths and query strings can hold what a
 * child searched for); for illegal-content categories (child sexual abuse material, terrorist
 * content) nothing at all: such an alert carries category, time, appliance and user only, so the
 * address of illegal material is never stored, published or e-mailed by Vigil.
 */
@ApplicationScoped
public class EdgePrivacy {

    /** Words (or word beginnings) that, in any vendor's category name, mean illegal content. */
    public static final List<String> DEFAULT_ILLEGAL_TERMS = List.of(
            "child abuse", "child sexual", "csam", "iioc", "iwf", "terror", "ctiru");

    /** Runs of anything but letters and digits, which category names are compared without. */
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    private final List<String> illegalTerms;

    public EdgePrivacy(@ConfigProperty(name = "vigil.intake.privacy.illegal-category-terms",
            defaultValue = "child abuse,child sexual,csam,iioc,iwf,terror,ctiru") List<String> illegalTerms) {
        this.illegalTerms = illegalTerms.stream().map(EdgePrivacy::normalise).filter(t -> !t.isEmpty()).toList();
    }

    /** Whether a vendor category names illegal content. */
    public boolean isIllegalContent(String vendorCategory) {
        return isIllegalContent(vendorCategory, illegalTerms);
    }

    /** The URL host to keep for an alert in this category: null for illegal content. */
    public String urlHostToKeep(String vendorCategory, String url) {
        return isIllegalContent(vendorCategory) ? null : UrlHosts.hostOf(url);
    }

    static boolean isIllegalContent(String vendorCategory, List<String> terms) {
        if (vendorCategory == null) {
            return false;
        }
        String category = " " + normalise(vendorCategory) + " ";
        // A term matches at the start of a word, so "terror" covers terrorism and terrorist content.
        return terms.stream().anyMatch(term -> category.contains(" " + term));
    }

    private static String normalise(String text) {
        return SEPARATORS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
