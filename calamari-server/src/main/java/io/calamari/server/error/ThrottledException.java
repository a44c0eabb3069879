package io.calamari.server.error;

import java.time.Duration;

/** Too many attempts from one client; the client may retry after {@link #retryAfter()}. */
public final class ThrottledException extends CalamariException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public ThrottledException(String message, Duration retryAfter) {
        super(ErrorCode.TOO_MANY_REQUESTS, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
