package io.vigil.intake.directory;

import io.vigil.contracts.directory.DirectoryAccount;
import io.vigil.contracts.directory.GuardianUpdated;
import io.vigil.contracts.directory.PersonKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parents and carers: each needs an e-mail address or a mobile number, and one flagged
 * do-not-contact needs the reason (a reason without the flag is dropped, as it means nothing).
 */
@ApplicationScoped
class GuardianRecords implements PersonRecords<GuardianUpdated> {

    @Override
    public PersonKind kind() {
        return PersonKind.GUARDIAN;
    }

    @Override
    public GuardianUpdated parse(FieldReader in, LocalDate today) {
        String email = in.email("email");
        String mobile = in.mobile("mobile");
        boolean doNotContact = in.flag("doNotContact");
        String reason = in.text("doNotContactReason", 500);
        if (email == null && mobile == null && in.errors().stream().noneMatch(e -> e.field().endsWith(".email")
                || e.field().endsWith(".mobile"))) {
            in.error("email", "a guardian needs an email or a mobile");
        }
        if (doNotContact && reason == null) {
            in.error("doNotContactReason", "is required when doNotContact is true");
        }
        return new GuardianUpdated(in.id("personId"), null, in.id("schoolId"), in.ids("learnerIds"),
                in.text("displayName", FieldReader.MAX_TEXT), email, mobile, in.text("preferredLanguage", 100),
                in.flag("parentalResponsibility"), doNotContact, doNotContact ? reason : null, null);
    }

    @Override
    public String personId(GuardianUpdated guardian) {
        return guardian.personId();
    }

    @Override
    public String schoolId(GuardianUpdated guardian) {
        return guardian.schoolId();
    }

    @Override
    public Instant updatedAt(GuardianUpdated guardian) {
        return guardian.updatedAt();
    }

    @Override
    public List<DirectoryAccount> accounts(GuardianUpdated guardian) {
        return List.of();
    }

    @Override
    public GuardianUpdated stamped(GuardianUpdated g, String trustId, Instant updatedAt) {
        return new GuardianUpdated(g.personId(), trustId, g.schoolId(), g.learnerIds(), g.displayName(), g.email(),
                g.mobile(), g.preferredLanguage(), g.parentalResponsibility(), g.doNotContact(),
                g.doNotContactReason(), updatedAt);
    }

    @Override
    public Map<String, GuardianUpdated> load(Collection<String> personIds,
            Map<String, List<DirectoryAccount>> accounts) {
        return Guardian.<Guardian>list("id in ?1", personIds).stream().collect(Collectors.toMap(g -> g.id,
                g -> new GuardianUpdated(g.id, null, g.schoolId, List.copyOf(g.learnerIds), g.displayName, g.email,
                        g.mobile, g.preferredLanguage, g.parentalResponsibility, g.doNotContact,
                        g.doNotContactReason, g.updatedAt)));
    }

    @Override
    public void save(GuardianUpdated update, Instant updatedAt) {
        Guardian guardian = Guardian.findById(update.personId());
        if (guardian == null) {
            guardian = new Guardian();
            guardian.id = update.personId();
        }
        guardian.schoolId = update.schoolId();
        guardian.learnerIds = update.learnerIds();
        guardian.displayName = update.displayName();
        guardian.email = update.email();
        guardian.mobile = update.mobile();
        guardian.preferredLanguage = update.preferredLanguage();
        guardian.parentalResponsibility = update.parentalResponsibility();
        guardian.doNotContact = update.doNotContact();
        guardian.doNotContactReason = update.doNotContactReason();
        guardian.updatedAt = updatedAt;
        guardian.persist();
    }

    @Override
    public void delete(String personId) {
        Guardian.deleteById(personId);
    }
}
