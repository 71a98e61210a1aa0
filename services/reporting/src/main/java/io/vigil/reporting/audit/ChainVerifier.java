package io.vigil.reporting.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.reporting.audit.ChainVerification.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a trust's audit chain in sequence order and reports the first broken link. Needs only a JDBC
 * connection to the reporting database, so the service's endpoint and the command-line check
 * ({@link VerifyAuditChain}) run the same code.
 *
 * <p>Each link is checked in this order: its sequence number follows the last one (else the links
 * between are missing); its previous hash is the hash of the link before (else it is out of place:
 * reordered); its contents hash to its stored hash (else it was changed). After the last link, the
 * chain head must name that link's sequence number and hash (else links were cut off the end, or
 * the head was changed). The chain is read in one repeatable-read snapshot, so links appended
 * meanwhile neither appear half-way nor look missing.
 */
public final class ChainVerifier {

    private static final int FETCH_SIZE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
    };

    private ChainVerifier() {
    }

    /** The trusts that have an audit chain, in name order. */
    public static List<String> trusts(Connection connection) throws SQLException {
        List<String> trusts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select trust_id from audit_chain_head union "
                + "select distinct trust_id from audit_link order by 1"); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                trusts.add(rows.getString(1));
            }
        }
        return trusts;
    }

    /** Verifies one trust's chain, reading it in a read-only repeatable-read transaction of its own. */
    public static ChainVerification verify(Connection connection, String trustId) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            return walk(connection, trustId);
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static ChainVerification walk(Connection connection, String trustId) throws SQLException {
        Walk walk = new Walk(trustId);
        try (PreparedStatement select = connection.prepareStatement("select sequence, event_id, audit_id, school_id,"
                + " service, actor, action, resource_type, resource_id, outcome, details::text, occurred_at,"
                + " recorded_at, previous_hash, hash from audit_link where trust_id = ? order by sequence")) {
            select.setFetchSize(FETCH_SIZE);
            select.setString(1, trustId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long sequence = rows.getLong(1);
                    ChainVerification broken;
                    Map<String, String> details = details(rows.getString(11));
                    if (details == null) {
                        broken = walk.unreadable(sequence, "its details are not an object of strings");
                    } else {
                        broken = walk.next(new AuditLink(trustId, sequence, rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), rows.getString(9), rows.getString(10), details,
                                instant(rows, 12), instant(rows, 13), rows.getString(14), rows.getString(15)));
                    }
                    if (broken != null) {
                        return broken;
                    }
                }
            }
        }
        try (PreparedStatement head = connection.prepareStatement(
                "select last_sequence, last_hash from audit_chain_head where trust_id = ?")) {
            head.setString(1, trustId);
            try (ResultSet row = head.executeQuery()) {
                return row.next() ? walk.end(row.getLong(1), row.getString(2)) : walk.endWithoutHead();
            }
        }
    }

    private static java.time.Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The details as stored, or null when they are not an object whose values are all strings. */
    private static Map<String, String> details(String json) {
        if (json == null) {
            return null;
        }
        try {
            Map<String, Object> parsed = JSON.readValue(json, DETAILS);
            Map<String, String> details = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : parsed.entrySet()) {
                if (!(entry.getValue() instanceof String value)) {
                    return null;
                }
                details.put(entry.getKey(), value);
            }
            return details;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The state of a walk along one chain; a method returns the verdict when the chain is broken there. */
    static final class Walk {

        private final String trustId;
        private long links;
        private long expected = 1;
        private String previousHash = AuditChain.GENESIS;

        Walk(String trustId) {
            this.trustId = trustId;
        }

        /** Checks the next stored link (in sequence order); null while the chain holds. */
        ChainVerification next(AuditLink link) {
            ChainVerification gap = gap(link.sequence());
            if (gap != null) {
                return gap;
            }
            if (!previousHash.equals(link.previousHash())) {
                return broken(expected, Problem.REORDERED, "link " + expected + " does not follow link "
                        + (expected - 1) + ": it names another previous hash (it was moved, or the link before it"
                        + " was rewritten)");
            }
            String computed = AuditChain.hash(link);
            if (!computed.equals(link.hash())) {
                return broken(expected, Problem.HASH_MISMATCH, "link " + expected
                        + "'s stored record does not match its hash: it was changed after it was stored");
            }
            previousHash = link.hash();
            links++;
            expected++;
            return null;
        }

        /** A stored link whose contents cannot even be read as a record. */
        ChainVerification unreadable(long sequence, String why) {
            ChainVerification gap = gap(sequence);
            if (gap != null) {
                return gap;
            }
            return broken(expected, Problem.HASH_MISMATCH, "link " + expected + " was changed after it was stored: "
                    + why);
        }

        /** A missing-link verdict when {@code sequence} is not the next one expected, else null. */
        private ChainVerification gap(long sequence) {
            if (sequence == expected) {
                return null;
            }
            return broken(expected, Problem.MISSING_LINK, sequence == expected + 1
                    ? "link " + expected + " is missing (the next stored link is " + sequence + ")"
                    : "links " + expected + " to " + (sequence - 1) + " are missing");
        }

        /** The verdict once every link was read, given the chain head. */
        ChainVerification end(long headSequence, String headHash) {
            long last = expected - 1;
            if (headSequence > last) {
                return broken(last + 1, Problem.MISSING_LINK, headSequence == last + 1
                        ? "link " + headSequence + " is missing (the chain head names it as the last link)"
                        : "links " + (last + 1) + " to " + headSequence + " are missing (the chain head names "
                                + headSequence + " as the last link)");
            }
            if (headSequence < last || !previousHash.equals(headHash)) {
                return broken(last, Problem.HEAD_MISMATCH, "the chain head names link " + headSequence
                        + " with another hash than the last stored link " + last);
            }
            return verdict();
        }

        /** The verdict once every link was read, when the trust has no chain head. */
        ChainVerification endWithoutHead() {
            if (links > 0) {
                return broken(expected - 1, Problem.HEAD_MISMATCH, "the chain has links but no chain head");
            }
            return verdict();
        }

        private ChainVerification verdict() {
            return links == 0 ? ChainVerification.intact(trustId, 0, null, null)
                    : ChainVerification.intact(trustId, links, expected - 1, previousHash);
        }

        private ChainVerification broken(long sequence, Problem problem, String detail) {
            return ChainVerification.broken(trustId, links, links == 0 ? null : expected - 1,
                    links == 0 ? null : previousHash, sequence, problem, detail);
        }
    }
}
