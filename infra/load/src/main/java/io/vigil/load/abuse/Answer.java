package io.vigil.load.abuse;

/**
 * What a service answered one spoilt request, and whether the answer is one Vigil owes bad input.
 *
 * @param target the endpoint ({@link HttpTarget#name()}), or a channel such as {@code csv-upload}
 * @param mutation how the request was spoilt
 * @param index the input's number in the run; with the seed it makes the request again
 * @param request a short description of what was sent
 * @param status the HTTP status, or 0 when no answer came (the connection failed)
 * @param fault why the answer is not acceptable (a 5xx, a 4xx that is no problem+json, no answer), or
 *     {@code null}
 */
public record Answer(String target, Mutation mutation, long index, String request, int status, String fault) {

    public boolean acceptable() {
        return fault == null;
    }
}
