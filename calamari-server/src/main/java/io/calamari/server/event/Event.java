package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of the timeline, as Calamari's eventer wrote it: when, how severe, the message people
 * read, and what it concerns (cluster, host, service) so that it can be filtered. Immutable.
 *
 * @param serviceType {@code osd}, {@code mon}, {@code pool}, {@code mds}… with {@code serviceId}
 *     its id ({@code "3"}, {@code "a"})
 */
public record Event(
        Instant when,
        Severity severity,
        String message,
        Optional<String> fsid,
        Optional<String> fqdn,
        Optional<String> serviceType,
        Optional<String> serviceId) {
    public Event {
        requireNonNull(when, "when");
        requireNonNull(severity, "severity");
        requireNonNull(message, "message");
        requireNonNull(fsid, "fsid");
        requireNonNull(fqdn, "fqdn");
        requireNonNull(serviceType, "serviceType");
        requireNonNull(serviceId, "serviceId");
    }

    /** An event about a whole cluster. */
    public static Event cluster(Instant when, Severity severity, String message, String fsid) {
        return new Event(
                when, severity, message, Optional.of(fsid), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An event about one service of a cluster, on a host when it is known. */
    public static Event service(
            Instant when,
            Severity severity,
            String message,
            String fsid,
            Optional<String> fqdn,
            String serviceType,
            String serviceId) {
        return new Event(
                when, severity, message, Optional.of(fsid), fqdn, Optional.of(serviceType), Optional.of(serviceId));
    }
}
