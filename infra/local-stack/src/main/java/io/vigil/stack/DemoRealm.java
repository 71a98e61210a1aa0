package io.vigil.stack;

import java.util.List;

/**
 * The demo tenancy imported into the local Keycloak realm ({@code keycloak/vigil-realm.json}). Tests and
 * the start-up summary name users and clients from here, so the two cannot drift apart silently. Like
 * {@link Endpoints} it uses only the JDK.
 *
 * <p>Every secret here is a published local-development default: the realm is imported only into the
 * throw-away Keycloak this module starts on the loopback interface.
 */
public final class DemoRealm {

    public static final String TRUST_ID = "demo-academy-trust";
    public static final String TRUST_NAME = "Demo Academy Trust";
    public static final String NORTH_SCHOOL_ID = "north-primary";
    public static final String SOUTH_SCHOOL_ID = "south-academy";
    public static final List<String> SCHOOL_IDS = List.of(NORTH_SCHOOL_ID, SOUTH_SCHOOL_ID);

    /**
     * The demo schools' filtering appliances and the local-development API keys they present, as intake's
     * demo data registers them.
     */
    public static final String NORTH_APPLIANCE_ID = "north-primary-smoothwall";
    public static final String NORTH_APPLIANCE_KEY = "local-dev-north-appliance-key-change-me";
    public static final String SOUTH_APPLIANCE_ID = "south-academy-fortigate";
    public static final String SOUTH_APPLIANCE_KEY = "local-dev-south-appliance-key-change-me";

    /** Local-development default password of every demo user. */
    public static final String USER_PASSWORD = "vigil-dev-password";

    /** Public client for people: password grant for curl and tests. */
    public static final String WEB_CLIENT_ID = "vigil-web";
    /** Confidential client for other systems (client credentials, realm role {@code app}). */
    public static final String APP_CLIENT_ID = "vigil-app";
    /** Local-development default secret of {@link #APP_CLIENT_ID}. */
    public static final String APP_CLIENT_SECRET = "vigil-app-dev-secret";

    /** Local-development default Keycloak administrator (master realm). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    /** Realm roles of people; each demo user holds exactly one. */
    public static final List<String> PERSON_ROLES = List.of(
            "staff", "dsl", "deputy-dsl", "head", "governor", "trust-safeguarding-lead", "trust-admin");
    public static final String APP_ROLE = "app";

    /** User name prefixes, one per demo school. */
    public static final List<String> SCHOOL_PREFIXES = List.of("north", "south");

    private DemoRealm() {
    }

    /** Demo user name for a school prefix and role, e.g. {@code user("north", "dsl")} is {@code north.dsl}. */
    public static String user(String schoolPrefix, String role) {
        return schoolPrefix + "." + role;
    }

    public static String email(String username) {
        return username + "@demo.vigil.test";
    }

    /** Every demo user name, school by school. */
    public static List<String> users() {
        return SCHOOL_PREFIXES.stream()
                .flatMap(prefix -> PERSON_ROLES.stream().map(role -> user(prefix, role)))
                .toList();
    }
}
