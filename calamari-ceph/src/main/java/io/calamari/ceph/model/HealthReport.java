package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Cluster health from {@code health detail} (or the {@code health} part of {@code status}):
 * overall status and checks by code. {@code mutedCodes} lists the codes of active mutes. Immutable.
 */
public record HealthReport(String status, Map<String, HealthCheck> checks, List<String> mutedCodes) {
    public HealthReport {
        requireNonNull(status, "status");
        checks = Map.copyOf(checks);
        mutedCodes = List.copyOf(mutedCodes);
    }
}
