package io.vigil.reporting.audit;

/**
 * What walking one trust's audit chain found: intact, with how many links and the last hash, or
 * the first link that is broken and how.
 *
 * @param trustId the trust whose chain was walked
 * @param intact whether every link is in place and unchanged
 * @param links how many links were found intact (before the first break, if there is one)
 * @param lastSequence the sequence number of the last intact link, null for an empty chain
 * @param lastHash the hash of the last intact link, null for an empty chain
 * @param firstBreak the first broken link, null when the chain is intact
 */
public record ChainVerification(String trustId, boolean intact, long links, Long lastSequence, String lastHash,
        Break firstBreak) {

    /** What can be wrong with a link. */
    public enum Problem {
        /** The link's stored contents do not hash to its stored hash: it was changed after it was stored. */
        HASH_MISMATCH("hash-mismatch"),
        /** A sequence number has no link: it was deleted. */
        MISSING_LINK("missing-link"),
        /** The link is intact but does not follow the link stored before it: moved, or that link rewritten. */
        REORDERED("reordered"),
        /** The chain head (last sequence and hash) disagrees with the last link. */
        HEAD_MISMATCH("head-mismatch");

        private final String wireName;

        Problem(String wireName) {
            this.wireName = wireName;
        }

        /** The name the API and the command-line check print. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * The first broken link.
     *
     * @param sequence the sequence number of the broken (or missing) link
     * @param problem what is wrong, e.g. {@code hash-mismatch}
     * @param detail a sentence saying what was found
     */
    public record Break(long sequence, String problem, String detail) {
    }

    static ChainVerification intact(String trustId, long links, Long lastSequence, String lastHash) {
        return new ChainVerification(trustId, true, links, lastSequence, lastHash, null);
    }

    static ChainVerification broken(String trustId, long links, Long lastSequence, String lastHash, long sequence,
            Problem problem, String detail) {
        return new ChainVerification(trustId, false, links, lastSequence, lastHash,
                new Break(sequence, problem.wireName(), detail));
    }

    /** One line for people: what the command-line check prints per trust. */
    public String summary() {
        if (intact) {
            return "audit chain of trust " + trustId + ": intact, " + links + " link(s)"
                    + (lastHash == null ? "" : ", last link " + lastSequence + ", last hash " + lastHash);
        }
        return "audit chain of trust " + trustId + ": BROKEN at link " + firstBreak.sequence() + " ("
                + firstBreak.problem() + "): " + firstBreak.detail() + " [" + links + " link(s) intact before it]";
    }
}
