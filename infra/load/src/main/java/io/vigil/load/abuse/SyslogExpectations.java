package io.vigil.load.abuse;

import java.util.Map;
import java.util.TreeMap;

/** What was sent to the syslog listener over one channel as one vendor's appliance, and what must come of it. */
public final class SyslogExpectations {

    private long sent;
    private long valid;
    private long mustReject;
    private final Map<String, Long> decoderReasons = new TreeMap<>();
    private final Map<SyslogInput.Kind, Long> kinds = new TreeMap<>();

    synchronized void add(SyslogInput input) {
        sent++;
        kinds.merge(input.kind(), 1L, Long::sum);
        if (input.kind() == SyslogInput.Kind.VALID) {
            valid++;
        }
        if (input.mustReject()) {
            mustReject++;
        }
        if (input.decoderReason() != null) {
            decoderReasons.merge(input.decoderReason(), 1L, Long::sum);
        }
    }

    public synchronized long sent() {
        return sent;
    }

    public synchronized long valid() {
        return valid;
    }

    public synchronized long mustReject() {
        return mustReject;
    }

    /** How many must be quarantined by the framing with each reason (the start of the reason intake gives). */
    public synchronized Map<String, Long> decoderReasons() {
        return Map.copyOf(decoderReasons);
    }

    public synchronized Map<SyslogInput.Kind, Long> kinds() {
        return Map.copyOf(kinds);
    }
}
