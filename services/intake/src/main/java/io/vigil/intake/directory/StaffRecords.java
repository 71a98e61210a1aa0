package io.vigil.intake.directory;

import io.vigil.contracts.directory.DirectoryAccount;
import io.vigil.contracts.directory.PersonKind;
import io.vigil.contracts.directory.SafeguardingRole;
import io.vigil.contracts.directory.StaffMemberUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Members of staff: a name and work e-mail address, their safeguarding role and their accounts. */
@ApplicationScoped
class StaffRecords implements PersonRecords<StaffMemberUpdated> {

    private static final List<String> ROLES = Arrays.stream(SafeguardingRole.values())
            .map(SafeguardingRole::wireName).toList();

    @Override
    public PersonKind kind() {
        return PersonKind.STAFF;
    }

    @Override
    public StaffMemberUpdated parse(FieldReader in, LocalDate today) {
        String email = in.email("email");
        if (email == null && in.errors().stream().noneMatch(e -> e.field().endsWith(".email"))) {
            in.error("email", "is required");
        }
        String role = in.oneOf("safeguardingRole", ROLES);
        return new StaffMemberUpdated(in.id("personId"), null, in.id("schoolId"),
                in.requiredText("displayName", FieldReader.MAX_TEXT), email, in.mobile("mobile"),
                role == null ? null : SafeguardingRole.fromWire(role), in.accounts("accounts"), null);
    }

    @Override
    public String personId(StaffMemberUpdated staff) {
        return staff.personId();
    }

    @Override
    public String schoolId(StaffMemberUpdated staff) {
        return staff.schoolId();
    }

    @Override
    public Instant updatedAt(StaffMemberUpdated staff) {
        return staff.updatedAt();
    }

    @Override
    public List<DirectoryAccount> accounts(StaffMemberUpdated staff) {
        return staff.accounts();
    }

    @Override
    public StaffMemberUpdated stamped(StaffMemberUpdated s, String trustId, Instant updatedAt) {
        return new StaffMemberUpdated(s.personId(), trustId, s.schoolId(), s.displayName(), s.email(), s.mobile(),
                s.safeguardingRole(), s.accounts(), updatedAt);
    }

    @Override
    public Map<String, StaffMemberUpdated> load(Collection<String> personIds,
            Map<String, List<DirectoryAccount>> accounts) {
        return StaffMember.<StaffMember>list("id in ?1", personIds).stream().collect(Collectors.toMap(s -> s.id,
                s -> new StaffMemberUpdated(s.id, null, s.schoolId, s.displayName, s.email, s.mobile,
                        SafeguardingRole.fromWire(s.safeguardingRole), accounts.getOrDefault(s.id, List.of()),
                        s.updatedAt)));
    }

    @Override
    public void save(StaffMemberUpdated update, Instant updatedAt) {
        StaffMember staff = StaffMember.findById(update.personId());
        if (staff == null) {
            staff = new StaffMember();
            staff.id = update.personId();
        }
        staff.schoolId = update.schoolId();
        staff.displayName = update.displayName();
        staff.email = update.email();
        staff.mobile = update.mobile();
        staff.safeguardingRole = update.safeguardingRole().wireName();
        staff.updatedAt = updatedAt;
        staff.persist();
    }

    @Override
    public void delete(String personId) {
        StaffMember.deleteById(personId);
    }
}
