package io.vigil.intake.syslog.vendor;

/** Thrown inside a parser to reject the line with a reason; never leaves the parser. */
final class LineRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LineRejected(String reason) {
        super(reason, null, false, false);
    }
}
