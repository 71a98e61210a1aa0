package io.vigil.common.demo;

import java.util.List;

/**
 * The demonstration trust the local stack and the tests run with. Every key and address here is a
 * local-development default, never used in a deployment (where {@code vigil.demo-data} stays false).
 */
public final class DemoTrust {

    public static final String TRUST_ID = "demo-academy-trust";
    public static final String TRUST_NAME = "Demo Academy Trust";
    /** Mail domain of the demo users (the realm gives each user {@code <username>@} this). */
    public static final String MAIL_DOMAIN = "demo.vigil.test";

    /**
     * A demo school with its one filtering appliance and the API key that appliance presents
     * (a local-development default).
     */
    public record School(String id, String name, String userPrefix, String applianceId, String applianceKey) {

        /** The demo user's e-mail address for a role at this school, e.g. {@code north.dsl@demo.vigil.test}. */
        public String email(String role) {
            return userPrefix + "." + role + "@" + MAIL_DOMAIN;
        }
    }

    public static final School NORTH = new School("north-primary", "North Primary", "north",
            "north-primary-smoothwall", "local-dev-north-appliance-key-change-me");
    public static final School SOUTH = new School("south-academy", "South Academy", "south",
            "south-academy-fortigate", "local-dev-south-appliance-key-change-me");

    public static final List<School> SCHOOLS = List.of(NORTH, SOUTH);

    private DemoTrust() {
    }

    /**
     * Adds the demo schools to a service's own {@code school (id, trust_id, name)} table, leaving
     * existing rows alone; must run inside a transaction.
     */
    public static void insertSchools(jakarta.persistence.EntityManager entityManager) {
        for (School school : SCHOOLS) {
            entityManager.createNativeQuery("insert into school (id, trust_id, name) values (?1, ?2, ?3) "
                    + "on conflict (id) do nothing")
                    .setParameter(1, school.id()).setParameter(2, TRUST_ID).setParameter(3, school.name())
                    .executeUpdate();
        }
    }
}
