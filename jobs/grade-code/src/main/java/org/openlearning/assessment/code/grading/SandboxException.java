package org.openlearning.assessment.code.grading;

import java.time.Duration;

/** The runner did not grade a run: it was busy, unreachable, or refused the request. */
final class SandboxException extends Exception {

    enum Kind {
        /** 429 (pool and queue full) or 503 (shutting down): ask again after {@link #retryAfter()}. */
        BUSY,
        /** No connection, a timeout, a 5xx or a refused secret: ask again later. */
        UNAVAILABLE,
        /** 400/422: the request itself is wrong; asking again gives the same answer. */
        REJECTED
    }

    private final Kind kind;
    private final Duration retryAfter;

    SandboxException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    Kind kind() {
        return kind;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    boolean retryable() {
        return kind != Kind.REJECTED;
    }
}
