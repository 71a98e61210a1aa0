package io.vigil.triage.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.taxonomy.PolicyCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyTest {

    private final Taxonomy taxonomy = Taxonomy.shipped();

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "fortigate, Child Sexual Abuse, child-sexual-abuse-material",
        "fortigate, Extremist Groups, extremism",
        "fortigate, Weapons (Sales), weapons",
        "fortigate, Peer-to-peer File Sharing, piracy",
        "smoothwall, Self Harm, self-harm",
        "smoothwall, Counter Terrorism, terrorist-content",
        "smoothwall, Malware & Hacking, malware-hacking",
        "sophos, Intolerance & Hate, discrimination",
        "sophos, Militancy and Extremist, extremism",
        "e2guardian, iwf, child-sexual-abuse-material",
        "e2guardian, porn, pornography",
        "senso, Suicide, suicide",
        "senso, Cyberbullying, bullying",
        "cef, SELF-HARM, self-harm",
        "fortigate, Education, unclassified",
        "smoothwall, Something New, unclassified"
    })
    void mapsVendorNamesOntoPolicyCategories(String vendor, String name, String slug) {
        assertThat(taxonomy.map(vendor, name).category()).isEqualTo(PolicyCategory.fromSlug(slug));
    }

    @ParameterizedTest
    @CsvSource({"fortigate, Gambling, fortigate table", "senso, Gambling, common names table", "x, Zzz, no mapping"})
    void saysWhereTheMappingCameFrom(String vendor, String name, String basis) {
        assertThat(taxonomy.map(vendor, name).basis()).startsWith(basis);
    }
}
