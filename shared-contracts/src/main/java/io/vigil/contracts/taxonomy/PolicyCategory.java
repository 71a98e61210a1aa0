package io.vigil.contracts.taxonomy;

import static io.vigil.contracts.taxonomy.FourCs.COMMERCE;
import static io.vigil.contracts.taxonomy.FourCs.CONDUCT;
import static io.vigil.contracts.taxonomy.FourCs.CONTACT;
import static io.vigil.contracts.taxonomy.FourCs.CONTENT;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * Vigil's policy categories: the UK Safer Internet Centre's "appropriate filtering" list plus the
 * safeguarding concerns staff raise, each tagged with KCSIE's 4Cs. Vendors' own category names are
 * mapped onto these; staff choose one of them when they report a concern.
 */
public enum PolicyCategory {
    CHILD_SEXUAL_ABUSE_MATERIAL("child-sexual-abuse-material", true, CONTENT),
    TERRORIST_CONTENT("terrorist-content", true, CONTENT),
    DISCRIMINATION("discrimination", false, CONTENT, CONDUCT),
    DRUGS("drugs", false, CONTENT, COMMERCE),
    EXTREMISM("extremism", false, CONTENT, CONTACT),
    GAMBLING("gambling", false, COMMERCE),
    MALWARE_HACKING("malware-hacking", false, CONDUCT, COMMERCE),
    PORNOGRAPHY("pornography", false, CONTENT),
    PIRACY("piracy", false, CONDUCT, COMMERCE),
    SELF_HARM("self-harm", false, CONTENT, CONDUCT),
    SUICIDE("suicide", false, CONTENT, CONDUCT),
    VIOLENCE("violence", false, CONTENT),
    WEAPONS("weapons", false, CONTENT, COMMERCE),
    GROOMING_SEXUAL_EXPLOITATION("grooming-sexual-exploitation", false, CONTACT),
    CRIMINAL_EXPLOITATION("criminal-exploitation", false, CONTACT),
    BULLYING("bullying", false, CONDUCT, CONTACT),
    SEXUAL_HARASSMENT("sexual-harassment", false, CONDUCT, CONTACT),
    NUDE_IMAGE_SHARING("nude-image-sharing", false, CONDUCT),
    OTHER("other", false),
    /** A filter or monitoring tool stopped reporting: the school is not protected as its policy says. */
    MONITORING_FAILURE("monitoring-failure", false),
    /** A vendor category no mapping knows: kept, scored and shown, and flagged for the trust admin to map. */
    UNCLASSIFIED("unclassified", false);

    private final String slug;
    private final boolean illegalContent;
    private final List<FourCs> fourCs;

    PolicyCategory(String slug, boolean illegalContent, FourCs... fourCs) {
        this.slug = slug;
        this.illegalContent = illegalContent;
        this.fourCs = List.of(fourCs);
    }

    @JsonValue
    public String slug() {
        return slug;
    }

    /**
     * Illegal content (child sexual abuse material, terrorist content): the critical path, and no
     * URL stored or sent anywhere.
     */
    public boolean illegalContent() {
        return illegalContent;
    }

    /** Whether staff may choose it when they report a concern (not the two triage assigns itself). */
    public boolean reportable() {
        return this != MONITORING_FAILURE && this != UNCLASSIFIED;
    }

    /** The 4Cs this category belongs to (none for {@link #OTHER} and the operational categories). */
    public List<FourCs> fourCs() {
        return fourCs;
    }

    @JsonCreator
    public static PolicyCategory fromSlug(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug.equals(slug)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown policy category: " + slug));
    }
}
