package io.vigil.common.problem;

import java.util.UUID;

/** Ids in request paths: one that is not even a UUID names nothing, so it is a 404 like an unknown one. */
public final class Ids {

    private Ids() {
    }

    /** The UUID in {@code id}, or a 404 "No {@code what} {@code id}". */
    public static UUID uuidOrNotFound(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No " + what + " " + id);
        }
    }
}
