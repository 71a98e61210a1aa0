package io.vigil.intake.directory;

import io.vigil.contracts.directory.DirectoryAccount;
import io.vigil.contracts.directory.PersonKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the directory feed needs to know about one kind of person: how a record is read, stored and
 * published. The payload record is the kind's event ({@code LearnerUpdated} and so on), so what is
 * held, what is published and what a trust administrator reads back are the same thing.
 *
 * @param <P> the kind's event payload
 */
interface PersonRecords<P extends Record> {

    PersonKind kind();

    /** Reads one record; {@code trustId} and {@code updatedAt} stay null, errors go to {@code in}. */
    P parse(FieldReader in, LocalDate today);

    String personId(P person);

    String schoolId(P person);

    /** The accounts through which alerts resolve to this person; none for guardians. */
    List<DirectoryAccount> accounts(P person);

    /** When the held version was recorded. */
    Instant updatedAt(P person);

    /** The same person with the given trust and time (null to compare two versions by content). */
    P stamped(P person, String trustId, Instant updatedAt);

    /** The persons held with these ids ({@code trustId} null), given their accounts by person id. */
    Map<String, P> load(Collection<String> personIds, Map<String, List<DirectoryAccount>> accounts);

    /** Inserts or updates the person's row (not their accounts). */
    void save(P person, Instant updatedAt);

    /** Deletes the person's row (not their accounts). */
    void delete(String personId);
}
