package io.vigil.intake.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.problem.ProblemException;
import io.vigil.intake.SpoiltJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Directory uploads (learners, guardians, staff as a JSON array or CSV) from any bytes: the reader
 * gives records or a problem (400 unreadable, 413 too many) with a detail; every record then reads
 * into a person or into field errors that name the record's field and say what is wrong, and nothing
 * is thrown. A record read without errors has a valid person id and school id.
 */
class DirectoryUploadProperties {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final List<PersonRecords<?>> KINDS = List.of(new LearnerRecords(), new GuardianRecords(),
            new StaffRecords());
    private static final String JSON = """
            [{"personId": "lrn-1", "schoolId": "north-primary", "yearGroup": "Year 9", "dateOfBirth": "2013-09-14",
              "send": true, "lookedAfter": false, "childProtectionPlan": false, "eal": true, "homeLanguage": "Polish",
              "guardianIds": ["grd-1"], "accounts": ["ada", "north-primary-smoothwall|ada|laptop-1"],
              "learnerIds": ["lrn-1"], "displayName": "Mrs Jones", "email": "j@north.example", "mobile": "07700900456",
              "preferredLanguage": "cy", "parentalResponsibility": "yes", "doNotContact": "no",
              "safeguardingRole": "dsl"}]""";
    private static final String CSV = """
            personId,schoolId,learnerIds,displayName,email,mobile,preferredLanguage,parentalResponsibility,doNotContact,safeguardingRole,accounts,yearGroup,dateOfBirth
            grd-1,south-academy,lrn-1;lrn-2,@Mrs Jones,,07700 900456,cy,yes,no,dsl,|jsmith|;x|@jsmith-laptop|,Year 9,2013-09-14
            """;
    private static final String CSV_SPOILERS = ",;|\"\n\r =+-@\t0123456789/:abc-\u00e9\uFEFF\u0000";

    @Provide
    Arbitrary<String> spoiltJson() {
        return SpoiltJson.spoilt(JSON);
    }

    @Provide
    Arbitrary<String> spoiltCsv() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, CSV.length());
        Arbitrary<String> text = Arbitraries.strings().withChars(CSV_SPOILERS).ofMaxLength(20);
        return Arbitraries.oneOf(at.map(i -> CSV.substring(0, i)),
                at.flatMap(i -> text.map(t -> CSV.substring(0, i) + t + CSV.substring(i))),
                at.flatMap(i -> Arbitraries.integers().between(i, CSV.length())
                        .flatMap(j -> text.map(t -> CSV.substring(0, i) + t + CSV.substring(j)))));
    }

    @Property
    void anyBytesAsJsonGiveRecordsOrAReason(@ForAll byte[] body) {
        assertReadable(body, b -> UploadReader.json(new ByteArrayInputStream(b)));
    }

    @Property
    void anyBytesAsCsvGiveRecordsOrAReason(@ForAll byte[] body) {
        assertReadable(body, b -> UploadReader.csv(new ByteArrayInputStream(b)));
    }

    @Property
    void spoiltJsonGivesPeopleOrFieldErrors(@ForAll("spoiltJson") String body) {
        assertReadable(body.getBytes(StandardCharsets.UTF_8), b -> UploadReader.json(new ByteArrayInputStream(b)));
    }

    @Property
    void spoiltCsvGivesPeopleOrFieldErrors(@ForAll("spoiltCsv") String body) {
        assertReadable(body.getBytes(StandardCharsets.UTF_8), b -> UploadReader.csv(new ByteArrayInputStream(b)));
    }

    private static void assertReadable(byte[] body, Function<byte[], List<ObjectNode>> reader) {
        List<ObjectNode> records;
        try {
            records = reader.apply(body);
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isIn(400, 413);
            assertThat(e.problem().detail()).isNotBlank();
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            for (PersonRecords<?> kind : KINDS) {
                assertPersonOrErrors(kind, i, records.get(i));
            }
        }
    }

    private static <P extends Record> void assertPersonOrErrors(PersonRecords<P> kind, int index, ObjectNode record) {
        FieldReader in = new FieldReader(index, record);
        P person = kind.parse(in, TODAY);
        assertThat(in.errors()).allSatisfy(error -> {
            assertThat(error.field()).startsWith("records[" + index + "].").hasSizeGreaterThan(
                    ("records[" + index + "].").length());
            assertThat(error.message()).isNotBlank();
        });
        if (in.errors().isEmpty()) {
            assertThat(FieldReader.isId(kind.personId(person))).as("%s of %s", kind.kind(), record).isTrue();
            assertThat(FieldReader.isId(kind.schoolId(person))).as("%s of %s", kind.kind(), record).isTrue();
        }
    }
}
