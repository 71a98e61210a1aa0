package io.vigil.intake.directory;

import io.vigil.common.problem.Problem;
import java.util.List;

/**
 * The answer to a directory upload: how many records were received, written, already held as sent,
 * or rejected, and one result per record in the order sent.
 */
public record UploadResult(int received, int upserted, int unchanged, int rejected, List<Item> results) {

    /** Written: the record was new or changed, and its event is on its way to the directory topic. */
    public static final String UPSERTED = "upserted";
    /** Already held exactly as sent: nothing was written or published. */
    public static final String UNCHANGED = "unchanged";
    /** Not written; {@code errors} says why. */
    public static final String REJECTED = "rejected";

    /** The outcome of one record: its position in the upload (from 0, header row not counted). */
    public record Item(int index, String personId, String status, List<Problem.FieldError> errors) {
    }
}
