package io.vigil.load.abuse;

/** How a request to an HTTP endpoint is spoilt before it is sent. */
public enum Mutation {
    /** The body cut off at a random point. */
    TRUNCATED,
    /** A value of the wrong JSON type: a number for a string, an object for a number, and so on. */
    WRONG_TYPES,
    /** A string value of tens of thousands to a million characters. */
    HUGE_STRING,
    /** Arrays or objects nested thousands deep. */
    DEEP_NESTING,
    /** Bytes that are not UTF-8 inside a string value. */
    INVALID_UTF8,
    /** A key given twice with different values. */
    DUPLICATE_KEYS,
    /** A value, or the whole body, replaced by {@code null}. */
    NULLS,
    /** Emoji, right-to-left marks, combining characters, escaped NUL and lone surrogates. */
    UNICODE,
    /** Numbers beyond every Java type, negative counts, exponents. */
    NUMBERS_OUT_OF_RANGE,
    /** Random bytes instead of the body. */
    GARBAGE,
    /** No body at all. */
    EMPTY,
    /** A body of a few megabytes, over the webhook's limit. */
    OVERSIZED,
    /** A good body sent with a content type the endpoint does not take. */
    WRONG_CONTENT_TYPE,
    /** No credentials. */
    MISSING_AUTH,
    /** A malformed or foreign token, or a made-up API key. */
    GARBAGE_AUTH,
    /** Junk in a path parameter: traversal, escapes, very long, not an id. */
    PATH_JUNK,
    /** Junk query parameters: negative sizes, dates that are none, unknown values. */
    QUERY_JUNK,
    /** The sample body as it is. */
    NONE
}
