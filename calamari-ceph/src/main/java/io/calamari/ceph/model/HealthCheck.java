package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One health check: its code ({@code OSDMAP_FLAGS}), severity ({@code HEALTH_WARN}/{@code
 * HEALTH_ERR}), summary message, detail messages, affected count and whether it is muted.
 * Immutable.
 */
public record HealthCheck(
        String code, String severity, String summary, List<String> details, long count, boolean muted) {
    public HealthCheck {
        requireNonNull(code, "code");
        requireNonNull(severity, "severity");
        requireNonNull(summary, "summary");
        details = List.copyOf(details);
    }
}
