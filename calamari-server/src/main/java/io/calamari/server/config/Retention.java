package io.calamari.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long the server keeps what it records: events, audit-log entries and finished management
 * requests (unfinished ones are never deleted). Everything older is deleted at start and hourly.
 * Immutable.
 */
public record Retention(Duration events, Duration audit, Duration requests) {
    public static final Duration DEFAULT_EVENTS = Duration.ofDays(90);
    public static final Duration DEFAULT_AUDIT = Duration.ofDays(365);
    public static final Duration DEFAULT_REQUESTS = Duration.ofDays(90);
    public static final Retention DEFAULTS = new Retention(DEFAULT_EVENTS, DEFAULT_AUDIT, DEFAULT_REQUESTS);

    public Retention {
        requireNonNull(events, "events");
        requireNonNull(audit, "audit");
        requireNonNull(requests, "requests");
    }
}
