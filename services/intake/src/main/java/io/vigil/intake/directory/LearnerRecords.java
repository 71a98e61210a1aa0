package io.vigil.intake.directory;

import io.vigil.contracts.directory.DirectoryAccount;
import io.vigil.contracts.directory.LearnerUpdated;
import io.vigil.contracts.directory.PersonKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Learners: ids, year group, date of birth and flags; a name is never read, held or published. */
@ApplicationScoped
class LearnerRecords implements PersonRecords<LearnerUpdated> {

    @Override
    public PersonKind kind() {
        return PersonKind.LEARNER;
    }

    @Override
    public LearnerUpdated parse(FieldReader in, LocalDate today) {
        return new LearnerUpdated(in.id("personId"), null, in.id("schoolId"),
                in.oneOf("yearGroup", LearnerUpdated.YEAR_GROUPS), in.date("dateOfBirth", today),
                in.flag("send"), in.flag("lookedAfter"), in.flag("childProtectionPlan"), in.flag("eal"),
                in.text("homeLanguage", 100), in.ids("guardianIds"), in.accounts("accounts"), null);
    }

    @Override
    public String personId(LearnerUpdated learner) {
        return learner.personId();
    }

    @Override
    public String schoolId(LearnerUpdated learner) {
        return learner.schoolId();
    }

    @Override
    public Instant updatedAt(LearnerUpdated learner) {
        return learner.updatedAt();
    }

    @Override
    public List<DirectoryAccount> accounts(LearnerUpdated learner) {
        return learner.accounts();
    }

    @Override
    public LearnerUpdated stamped(LearnerUpdated l, String trustId, Instant updatedAt) {
        return new LearnerUpdated(l.personId(), trustId, l.schoolId(), l.yearGroup(), l.dateOfBirth(), l.send(),
                l.lookedAfter(), l.childProtectionPlan(), l.eal(), l.homeLanguage(), l.guardianIds(), l.accounts(),
                updatedAt);
    }

    @Override
    public Map<String, LearnerUpdated> load(Collection<String> personIds,
            Map<String, List<DirectoryAccount>> accounts) {
        return Learner.<Learner>list("id in ?1", personIds).stream().collect(Collectors.toMap(l -> l.id,
                l -> new LearnerUpdated(l.id, null, l.schoolId, l.yearGroup, l.dateOfBirth, l.send, l.lookedAfter,
                        l.childProtectionPlan, l.eal, l.homeLanguage, List.copyOf(l.guardianIds),
                        accounts.getOrDefault(l.id, List.of()), l.updatedAt)));
    }

    @Override
    public void save(LearnerUpdated update, Instant updatedAt) {
        Learner learner = Learner.findById(update.personId());
        if (learner == null) {
            learner = new Learner();
            learner.id = update.personId();
        }
        learner.schoolId = update.schoolId();
        learner.yearGroup = update.yearGroup();
        learner.dateOfBirth = update.dateOfBirth();
        learner.send = update.send();
        learner.lookedAfter = update.lookedAfter();
        learner.childProtectionPlan = update.childProtectionPlan();
        learner.eal = update.eal();
        learner.homeLanguage = update.homeLanguage();
        learner.guardianIds = update.guardianIds();
        learner.updatedAt = updatedAt;
        learner.persist();
    }

    @Override
    public void delete(String personId) {
        Learner.deleteById(personId);
    }
}
