package io.vigil.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStack;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Audit records from the real broker are stored once each, in order, as a chain that verifies. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class AuditStoreTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditLedger ledger;

    @Test
    void recordsAreChainedInTheOrderTheyArriveAndARedeliveryIsStoredOnce() throws SQLException {
        // A trust of its own, so this chain holds exactly what the test published.
        String trust = "chain-trust-" + UUID.randomUUID();
        String resource = "resource-" + UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<AuditRecorded> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditRecorded record = AuditRecords.record(trust, "chain-school", "reader-" + i, "incident.read",
                    resource, start.plusNanos(i * 1_000_001L));
            published.add(record);
            AuditRecords.publish(record);
            if (i == 2) {
                AuditRecords.publish(record);
            }
        }

        List<AuditEntry> stored = AuditRecords.awaitStored(resource, 5);

        assertThat(stored).extracting(e -> e.auditId).containsExactlyElementsOf(
                published.stream().map(AuditRecorded::auditId).toList());
        assertThat(stored).extracting(e -> e.sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(stored.get(0).previousHash).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < stored.size(); i++) {
            assertThat(stored.get(i).previousHash).isEqualTo(stored.get(i - 1).hash);
        }
        // Kept to the microsecond, as the canonical form says.
        assertThat(stored.get(1).occurredAt).isEqualTo(AuditChain.toMicros(published.get(1).occurredAt()));
        assertThat(stored.get(1).details).isEqualTo(Map.of("channel", "test"));

        ChainVerification verification;
        try (Connection connection = dataSource.getConnection()) {
            verification = ChainVerifier.verify(connection, trust);
        }
        assertThat(verification.intact()).isTrue();
        assertThat(verification.links()).isEqualTo(5);
        assertThat(verification.lastSequence()).isEqualTo(5);
        assertThat(verification.lastHash()).isEqualTo(stored.get(4).hash);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyAuditChain.run(new String[] {"--trust", trust, "--jdbc-url",
                VigilStack.endpoints().jdbcUrl("reporting")}, Map.of(), print(out), print(new ByteArrayOutputStream()));
        assertThat(status).isEqualTo(VerifyAuditChain.INTACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit chain of trust " + trust + ": intact, 5 link(s)")
                .contains("last hash " + stored.get(4).hash);
    }

    /** As several replicas (or partitions) do: each append its own transaction, all at once, one trust. */
    @Test
    void appendsRacingForOneTrustMakeOneGapFreeChain() throws Exception {
        String trust = "racing-trust-" + UUID.randomUUID();
        int writers = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String school = "school-" + w;
                appends.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        AuditRecorded record = AuditRecords.record(trust, school, "writer", "incident.read",
                                school + "-" + i, Instant.now());
                        QuarkusTransaction.requiringNew().run(() -> ledger.append(record.auditId(), record));
                    }
                }));
            }
            for (Future<?> append : appends) {
                append.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        try (Connection connection = dataSource.getConnection()) {
            ChainVerification verification = ChainVerifier.verify(connection, trust);
            assertThat(verification.intact()).as(verification.summary()).isTrue();
            assertThat(verification.links()).isEqualTo(writers * each);
            assertThat(verification.lastSequence()).isEqualTo(writers * each);
        }
    }

    @Test
    void theServiceCannotChangeOrRemoveALink() throws SQLException {
        String resource = "resource-" + UUID.randomUUID();
        AuditRecords.publish(AuditRecords.record("append-only-trust", null, "system", "incident.opened", resource,
                Instant.now()));
        AuditEntry link = AuditRecords.awaitStored(resource, 1).get(0);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("update audit_link set actor = 'someone.else' "
                    + "where event_id = '" + link.eventId + "'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit_link where event_id = '"
                    + link.eventId + "'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("truncate audit_link")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("update audit_chain_head set last_sequence = 0 "
                    + "where trust_id = 'append-only-trust'")).hasMessageContaining("only moves one link on");
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit_chain_head "
                    + "where trust_id = 'append-only-trust'")).hasMessageContaining("append-only");
        }
        assertThat(AuditRecords.stored(resource)).extracting(e -> e.actor).containsExactly("system");
    }

    @Test
    void aRecordThatIsNotAValidAuditRecordIsDeadLetteredWithTheReason() {
        String marker = UUID.randomUUID().toString();
        TopicProbe.send(Topics.AUDIT, "north-primary", "{\"not a cloud event\": \"" + marker + "\"");
        AuditRecorded withoutActor = new AuditRecorded("audit-" + marker, "demo-academy-trust", "north-primary",
                "triage", null, "incident.read", "incident", "incident-" + marker, "success", Map.of(), Instant.now());
        TopicProbe.send(Topics.AUDIT, "north-primary", EventCodec.encode(EventCodec.envelope("/vigil/triage",
                withoutActor, "incident-" + marker, "demo-academy-trust", "north-primary", null, Instant.now())));
        AuditRecorded unstorable = AuditRecords.record("demo-academy-trust", "north-primary", "north\u0000dsl",
                "incident.read", "nul-" + marker, Instant.now());
        AuditRecords.publish(unstorable);

        assertThat(deadLetterReason(marker)).contains("not a CloudEvent");
        assertThat(deadLetterReason("incident-" + marker)).contains("missing field 'actor'");
        assertThat(deadLetterReason("nul-" + marker)).contains("U+0000");
        assertThat(AuditRecords.stored("incident-" + marker)).isEmpty();
        assertThat(AuditRecords.stored("nul-" + marker)).isEmpty();
    }

    private static String deadLetterReason(String marker) {
        ConsumerRecord<String, String> dead = TopicProbe.await(Topics.deadLetterOf(Topics.AUDIT),
                r -> r.value() != null && r.value().contains(marker), AuditRecords.STORED_WITHIN);
        return new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
