package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What every event detected for one cluster at one moment shares: the cluster's fsid and name and
 * the time; makes the events. Immutable.
 */
record EventContext(String fsid, String name, Instant when) {
    EventContext {
        requireNonNull(fsid, "fsid");
        requireNonNull(name, "name");
        requireNonNull(when, "when");
    }

    Event cluster(Severity severity, String format, Object... arguments) {
        return Event.cluster(when, severity, format.formatted(arguments), fsid);
    }

    Event service(Severity severity, Optional<String> fqdn, String serviceType, String serviceId, String message) {
        return Event.service(when, severity, message, fsid, fqdn, serviceType, serviceId);
    }

    /** Calamari's suffix naming the host of a service, {@code " (on node1)"}, or nothing. */
    static String onHost(Optional<String> fqdn) {
        return fqdn.map(host -> " (on " + host + ")").orElse("");
    }
}
