package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How requests run: the longest a request may take from acceptance to completion, the bound on
 * each Ceph command, and how often waiting requests are checked against the snapshots.
 */
public record RequestSettings(Duration requestTimeout, Duration commandTimeout, Duration checkInterval) {
    public RequestSettings {
        requireNonNull(requestTimeout, "requestTimeout");
        requireNonNull(commandTimeout, "commandTimeout");
        requireNonNull(checkInterval, "checkInterval");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, was " + requestTimeout);
        }
    }

    public RequestSettings withRequestTimeout(Duration timeout) {
        return new RequestSettings(timeout, commandTimeout, checkInterval);
    }

    public RequestSettings withCommandTimeout(Duration timeout) {
        return new RequestSettings(requestTimeout, timeout, checkInterval);
    }

    public static RequestSettings defaults() {
        return new RequestSettings(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofMillis(100));
    }
}
