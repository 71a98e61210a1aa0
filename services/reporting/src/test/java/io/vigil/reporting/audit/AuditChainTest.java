package io.vigil.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.reporting.audit.ChainVerification.Break;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical form, the hashes and the walk along a chain, without a database. */
class AuditChainTest {

    private static final String TRUST = "demo-academy-trust";

    /** The canonical form's text and hash are fixed: a change here breaks every stored chain. */
    @Test
    void canonicalFormAndHashAreExactlyAsDocumented() {
        AuditLink link = new AuditLink(TRUST, 1, "e-1", "a-1", "north-primary", "triage", "north.dsl",
                "incident.read", "incident", "inc-9", "success",
                Map.of("zone", "\"q\" \\ \n\u0001 é 😀", "count", "3"),
                Instant.parse("2026-03-01T08:15:30.123456789Z"), Instant.parse("2026-03-01T08:15:31Z"),
                AuditChain.GENESIS, null);

        assertThat(AuditChain.canonical(link)).isEqualTo("{\"action\":\"incident.read\",\"actor\":\"north.dsl\","
                + "\"auditId\":\"a-1\",\"details\":{\"count\":\"3\",\"zone\":\"\\\"q\\\" \\\\ \\n\\u0001 é 😀\"},"
                + "\"eventId\":\"e-1\",\"occurredAt\":\"2026-03-01T08:15:30.123456Z\",\"outcome\":\"success\","
                + "\"previousHash\":\"" + "0".repeat(64) + "\",\"recordedAt\":\"2026-03-01T08:15:31.000000Z\","
                + "\"resourceId\":\"inc-9\",\"resourceType\":\"incident\",\"schoolId\":\"north-primary\","
                + "\"sequence\":1,\"service\":\"triage\",\"trustId\":\"demo-academy-trust\"}");
        // The SHA-256 of that text in UTF-8, as any other tool computes it.
        assertThat(AuditChain.hash(link)).isEqualTo("8160e038ffdd4a87e10a6e37171c3a614e47dd8b7e89b7efbcd978fb0c5e4f38");
    }

    @Test
    void aTrustWideRecordHasANullSchoolAndEveryFieldCounts() {
        AuditLink link = link(1, AuditChain.GENESIS, "north.dsl");
        AuditLink trustWide = new AuditLink(TRUST, 1, link.eventId(), link.auditId(), null, link.service(),
                link.actor(), link.action(), link.resourceType(), link.resourceId(), link.outcome(), link.details(),
                link.occurredAt(), link.recordedAt(), link.previousHash(), null);

        assertThat(AuditChain.canonical(trustWide)).contains("\"schoolId\":null");
        assertThat(AuditChain.hash(trustWide)).isNotEqualTo(AuditChain.hash(link));
        assertThat(AuditChain.hash(link(1, AuditChain.GENESIS, "north.head"))).isNotEqualTo(AuditChain.hash(link));
        assertThat(AuditChain.hash(link(2, AuditChain.GENESIS, "north.dsl"))).isNotEqualTo(AuditChain.hash(link));
    }

    @Test
    void anIntactChainReportsItsLengthAndLastHash() {
        List<AuditLink> chain = chain(3);

        ChainVerification verification = walk(chain, 3L, chain.get(2).hash());

        assertThat(verification.intact()).isTrue();
        assertThat(verification.links()).isEqualTo(3);
        assertThat(verification.lastSequence()).isEqualTo(3);
        assertThat(verification.lastHash()).isEqualTo(chain.get(2).hash());
        assertThat(walk(List.of(), null, null).intact()).isTrue();
    }

    @Test
    void aChangedRecordIsAHashMismatchAtThatLink() {
        List<AuditLink> chain = chain(4);
        AuditLink second = chain.get(1);
        chain.set(1, new AuditLink(TRUST, 2, second.eventId(), second.auditId(), second.schoolId(), second.service(),
                "someone.else", second.action(), second.resourceType(), second.resourceId(), second.outcome(),
                second.details(), second.occurredAt(), second.recordedAt(), second.previousHash(), second.hash()));

        assertBroken(walk(chain, 4L, chain.get(3).hash()), 2, "hash-mismatch", 1);
    }

    @Test
    void aRewrittenAndResealedLinkBreaksTheLinkAfterIt() {
        List<AuditLink> chain = chain(4);
        chain.set(1, link(2, chain.get(0).hash(), "someone.else").sealed());

        assertBroken(walk(chain, 4L, chain.get(3).hash()), 3, "reordered", 2);
    }

    @Test
    void aDeletedLinkIsMissing() {
        List<AuditLink> chain = chain(4);
        chain.remove(1);

        assertBroken(walk(chain, 4L, chain.get(2).hash()), 2, "missing-link", 1);
    }

    @Test
    void swappedLinksAreReordered() {
        List<AuditLink> chain = chain(4);
        AuditLink second = chain.get(1);
        AuditLink third = chain.get(2);
        chain.set(1, renumbered(third, 2));
        chain.set(2, renumbered(second, 3));

        assertBroken(walk(chain, 4L, chain.get(3).hash()), 2, "reordered", 1);
    }

    @Test
    void linksCutOffTheEndAreMissingByTheChainHead() {
        List<AuditLink> chain = chain(4);
        String lastHash = chain.get(3).hash();
        chain.remove(3);

        assertBroken(walk(chain, 4L, lastHash), 4, "missing-link", 3);
    }

    @Test
    void aChainHeadThatDisagreesWithTheLastLinkIsReported() {
        List<AuditLink> chain = chain(2);

        assertBroken(walk(chain, 2L, "f".repeat(64)), 2, "head-mismatch", 2);
        assertBroken(walk(chain, null, null), 2, "head-mismatch", 2);
    }

    @Test
    void recordsThatCouldNotBeStoredExactlyAreRefused() {
        assertThat(AuditEventConsumer.problemOf("e-1", record("north.dsl", Map.of()))).isNull();
        assertThat(AuditEventConsumer.problemOf("e-1", record("north\u0000dsl", Map.of())))
                .contains("actor").contains("U+0000");
        assertThat(AuditEventConsumer.problemOf("e-1", record("north\ud800dsl", Map.of())))
                .contains("lone UTF-16 surrogate");
        assertThat(AuditEventConsumer.problemOf("e-1", record("north.dsl", Map.of("k", "v\u0000"))))
                .contains("detail 'k'");
        assertThat(AuditEventConsumer.problemOf("e-1", record(" ", Map.of()))).contains("empty 'actor'");
        Map<String, String> withoutValue = new HashMap<>();
        withoutValue.put("count", null);
        assertThat(AuditEventConsumer.problemOf("e-1", record("north.dsl", withoutValue))).contains("without a value");
        AuditRecorded farFuture = new AuditRecorded("a", TRUST, null, "triage", "x", "incident.read", "incident",
                "i", "success", Map.of(), Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(AuditEventConsumer.problemOf("e-1", farFuture)).contains("occurredAt");
    }

    private static void assertBroken(ChainVerification verification, long sequence, String problem, long intactLinks) {
        assertThat(verification.intact()).isFalse();
        Break first = verification.firstBreak();
        assertThat(first.sequence()).isEqualTo(sequence);
        assertThat(first.problem()).isEqualTo(problem);
        assertThat(first.detail()).contains("link");
        assertThat(verification.links()).isEqualTo(intactLinks);
        assertThat(verification.summary()).contains("BROKEN at link " + sequence + " (" + problem + ")");
    }

    private static ChainVerification walk(List<AuditLink> chain, Long headSequence, String headHash) {
        ChainVerifier.Walk walk = new ChainVerifier.Walk(TRUST);
        for (AuditLink link : chain) {
            ChainVerification broken = walk.next(link);
            if (broken != null) {
                return broken;
            }
        }
        return headSequence == null ? walk.endWithoutHead() : walk.end(headSequence, headHash);
    }

    private static List<AuditLink> chain(int length) {
        List<AuditLink> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int sequence = 1; sequence <= length; sequence++) {
            AuditLink link = link(sequence, previous, "north.dsl").sealed();
            chain.add(link);
            previous = link.hash();
        }
        return chain;
    }

    private static AuditLink link(long sequence, String previousHash, String actor) {
        return new AuditLink(TRUST, sequence, "event-" + sequence, "audit-" + sequence, "north-primary", "triage",
                actor, "incident.read", "incident", "incident-" + sequence, "success", Map.of("n", "" + sequence),
                Instant.parse("2026-03-01T08:00:00Z").plusSeconds(sequence), Instant.parse("2026-03-01T09:00:00Z"),
                previousHash, null);
    }

    private static AuditLink renumbered(AuditLink link, long sequence) {
        return new AuditLink(link.trustId(), sequence, link.eventId(), link.auditId(), link.schoolId(), link.service(),
                link.actor(), link.action(), link.resourceType(), link.resourceId(), link.outcome(), link.details(),
                link.occurredAt(), link.recordedAt(), link.previousHash(), link.hash());
    }

    private static AuditRecorded record(String actor, Map<String, String> details) {
        return new AuditRecorded("a-1", TRUST, "north-primary", "triage", actor, "incident.read", "incident", "i-1",
                "success", details, Instant.parse("2026-03-01T08:00:00Z"));
    }
}
