package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which events to list: optionally one cluster's or one host's, at least as severe as
 * {@code severity}, in a time range ({@code since} inclusive, {@code until} exclusive), whose
 * message contains {@code text} (any case), about one service type and id. Immutable.
 */
public record EventFilter(
        Optional<String> fsid,
        Optional<String> fqdn,
        Severity severity,
        Optional<Instant> since,
        Optional<Instant> until,
        Optional<String> text,
        Optional<String> serviceType,
        Optional<String> serviceId) {
    public EventFilter {
        requireNonNull(fsid, "fsid");
        requireNonNull(fqdn, "fqdn");
        requireNonNull(severity, "severity");
        requireNonNull(since, "since");
        requireNonNull(until, "until");
        requireNonNull(text, "text");
        requireNonNull(serviceType, "serviceType");
        requireNonNull(serviceId, "serviceId");
    }

    public static EventFilter all() {
        return new EventFilter(
                Optional.empty(),
                Optional.empty(),
                Severity.INFO,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public EventFilter withFsid(String value) {
        return new EventFilter(Optional.of(value), fqdn, severity, since, until, text, serviceType, serviceId);
    }

    public EventFilter withFqdn(String value) {
        return new EventFilter(fsid, Optional.of(value), severity, since, until, text, serviceType, serviceId);
    }
}
