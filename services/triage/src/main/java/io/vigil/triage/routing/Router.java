package io.vigil.triage.routing;

import io.vigil.contracts.taxonomy.PolicyCategory;
import java.util.List;

/**
 * Who must act on an incident. The school's safeguarding team (the DSL) by default; illegal content
 * goes to the DSL and the head at once with the steps to take; anything about a member of staff
 * goes to the head only, hidden from the safeguarding team, and anything about the head to the
 * chair of governors and the trust safeguarding lead (KCSIE part four: allegations against staff).
 */
public final class Router {

    public static final String DSL = "dsl";
    public static final String HEAD = "head";
    public static final String CHAIR_OF_GOVERNORS = "chair-of-governors";
    public static final String TRUST_SAFEGUARDING_LEAD = "trust-safeguarding-lead";

    static final List<String> CSAM_STEPS = List.of(
            "Do not view, copy, print, forward or save the material, and do not ask anyone else to",
            "Secure the device as it is; do not investigate it yourself",
            "Report to the police (999 if a child is at immediate risk, otherwise 101) and to the Internet Watch "
                    + "Foundation",
            "Record in Vigil what you did and when");
    static final List<String> TERRORIST_CONTENT_STEPS = List.of(
            "Do not view, copy, print, forward or save the material, and do not ask anyone else to",
            "Secure the device as it is; do not investigate it yourself",
            "Report to the police (999 if anyone is at immediate risk) and consider a Prevent referral",
            "Record in Vigil what you did and when");
    static final List<String> ALLEGATION_STEPS = List.of(
            "Do not investigate or question the member of staff, and do not tell them about the concern",
            "Consult the Local Authority Designated Officer (LADO) within one working day",
            "Record in Vigil what you did and when");

    /** What is known about whom the incident concerns. */
    public record Subject(PolicyCategory category, boolean aboutStaffMember, String staffSafeguardingRole) {
    }

    /** The roles that must act, whether only they may see it, and the steps they must take. */
    public record Route(String routedTo, List<String> alsoRoutedTo, boolean restricted, List<String> requiredSteps,
            String reason) {
    }

    private Router() {
    }

    public static Route route(Subject subject) {
        List<String> illegalSteps = subject.category() == PolicyCategory.CHILD_SEXUAL_ABUSE_MATERIAL ? CSAM_STEPS
                : subject.category() == PolicyCategory.TERRORIST_CONTENT ? TERRORIST_CONTENT_STEPS : List.of();
        if (subject.aboutStaffMember()) {
            List<String> steps = java.util.stream.Stream.concat(illegalSteps.stream(), ALLEGATION_STEPS.stream())
                    .distinct().toList();
            if (HEAD.equals(subject.staffSafeguardingRole())) {
                return new Route(CHAIR_OF_GOVERNORS, List.of(TRUST_SAFEGUARDING_LEAD), true, steps,
                        "About the head: the chair of governors and the trust safeguarding lead");
            }
            return new Route(HEAD, List.of(), true, steps,
                    "About a member of staff: the head only, not the safeguarding team");
        }
        if (!illegalSteps.isEmpty()) {
            return new Route(DSL, List.of(HEAD), false, illegalSteps, "Illegal content: the DSL and the head at once");
        }
        return new Route(DSL, List.of(), false, List.of(), "The school's safeguarding team");
    }
}
