package io.vigil.reporting.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStack;
import io.vigil.testing.VigilStackResource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A link changed or deleted behind the service's back (as the database superuser, with the
 * append-only triggers off) is named by the verification endpoint and by the command-line check.
 * Each test puts the link back, so the demo trust's chain is intact again for the tests after it.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class AuditTamperingTest {

    private static final String TRUST_LEAD = "north.trust-safeguarding-lead";

    @Test
    void aChangedFieldIsAHashMismatchAtThatLink() throws SQLException {
        AuditEntry target = storedDemoLinks().get(1);
        assertIntact();

        try (Connection superuser = AuditRecords.superuser()) {
            setActor(superuser, target, "someone.else");
            try {
                assertBrokenAt(target.sequence, "hash-mismatch");
            } finally {
                setActor(superuser, target, target.actor);
            }
        }
        assertIntact();
    }

    @Test
    void aDeletedLinkIsAMissingLink() throws SQLException {
        AuditEntry target = storedDemoLinks().get(1);
        assertIntact();

        try (Connection superuser = AuditRecords.superuser(); Statement statement = superuser.createStatement()) {
            statement.execute("create temporary table removed_link as select * from audit_link where event_id = '"
                    + target.eventId + "'");
            statement.executeUpdate("delete from audit_link where event_id = '" + target.eventId + "'");
            try {
                assertBrokenAt(target.sequence, "missing-link");
            } finally {
                statement.executeUpdate("insert into audit_link select * from removed_link");
            }
        }
        assertIntact();
    }

    /** Three fresh links of the demo trust, in chain order. */
    private static List<AuditEntry> storedDemoLinks() {
        String resource = "tamper-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            AuditRecords.publish(AuditRecords.record(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), "north.dsl",
                    "incident.read", resource, Instant.now()));
        }
        return AuditRecords.awaitStored(resource, 3);
    }

    private static void setActor(Connection superuser, AuditEntry link, String actor) throws SQLException {
        try (PreparedStatement update = superuser.prepareStatement(
                "update audit_link set actor = ? where trust_id = ? and sequence = ?")) {
            update.setString(1, actor);
            update.setString(2, link.trustId);
            update.setLong(3, link.sequence);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static void assertIntact() {
        given().auth().oauth2(Tokens.password(TRUST_LEAD))
                .when().get("/api/v1/audit/verification")
                .then().statusCode(200)
                .body("trustId", equalTo(DemoTrust.TRUST_ID))
                .body("intact", equalTo(true))
                .body("firstBreak", nullValue());
        // Every trust's chain: the ones other tests made too.
        Cli cli = Cli.run();
        assertThat(cli.status()).as(cli.out()).isEqualTo(VerifyAuditChain.INTACT);
        assertThat(cli.out()).contains("audit chain of trust " + DemoTrust.TRUST_ID + ": intact");
    }

    private static void assertBrokenAt(long sequence, String problem) {
        given().auth().oauth2(Tokens.password(TRUST_LEAD))
                .when().get("/api/v1/audit/verification")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBreak.sequence", equalTo((int) sequence))
                .body("firstBreak.problem", equalTo(problem))
                .body("links", equalTo((int) sequence - 1));
        Cli cli = Cli.run("--trust", DemoTrust.TRUST_ID);
        assertThat(cli.status()).as(cli.out()).isEqualTo(VerifyAuditChain.BROKEN);
        assertThat(cli.out()).contains("audit chain of trust " + DemoTrust.TRUST_ID + ": BROKEN at link " + sequence
                + " (" + problem + ")");
        assertThat(cli.err()).contains("BROKEN");
    }

    /** The command-line check, run in this JVM against the stack's reporting database. */
    private record Cli(int status, String out, String err) {

        static Cli run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = VerifyAuditChain.run(args,
                    Map.of("QUARKUS_DATASOURCE_JDBC_URL", VigilStack.endpoints().jdbcUrl("reporting")),
                    AuditStoreTest.print(out), AuditStoreTest.print(err));
            return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
