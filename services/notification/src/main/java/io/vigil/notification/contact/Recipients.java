package io.vigil.notification.contact;

import io.vigil.notification.directory.StaffMember;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Who holds a role at a school: the staff the directory feed names with that safeguarding role,
 * and the contacts configured for the school (e.g. a chair of governors who is not staff). One
 * person is reached once, however many ways they are known.
 */
public final class Recipients {

    /** A person to tell: {@code ref} names them in the ledger and events (a role and an id, never a child's data). */
    public record Recipient(String ref, String displayName, String email, String mobile) {
    }

    private Recipients() {
    }

    public static List<Recipient> withRole(String trustId, String schoolId, String role) {
        List<Recipient> found = new ArrayList<>();
        for (StaffMember staff : StaffMember.withRole(trustId, schoolId, role)) {
            add(found, new Recipient(role + ":" + staff.personId, staff.displayName, staff.email, staff.mobile));
        }
        for (SchoolContact contact : SchoolContact.withRole(schoolId, role)) {
            add(found, new Recipient(role + ":" + contact.email, contact.displayName, contact.email, null));
        }
        return found;
    }

    /** The staff on the out-of-hours rota, by directory id; ids the directory does not know are left out. */
    public static List<Recipient> onCall(String trustId, Collection<String> staffIds) {
        List<Recipient> found = new ArrayList<>();
        for (StaffMember staff : StaffMember.ofTrust(trustId, staffIds)) {
            add(found, new Recipient("on-call:" + staff.personId, staff.displayName, staff.email, staff.mobile));
        }
        return found;
    }

    /** Adds {@code recipient} unless someone with the same e-mail address is already there. */
    public static void add(List<Recipient> recipients, Recipient recipient) {
        String email = recipient.email().toLowerCase(Locale.ROOT);
        if (recipients.stream().noneMatch(r -> r.email().toLowerCase(Locale.ROOT).equals(email))) {
            recipients.add(recipient);
        }
    }
}
