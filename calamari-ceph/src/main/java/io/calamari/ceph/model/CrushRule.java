package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A CRUSH rule. {@code type} is Ceph's numeric rule type (1 replicated, 3 erasure); {@code ruleset}
 * equals the id on releases that dropped rulesets (Quincy and later), and {@code minSize}/{@code
 * maxSize} default to 1 and 10 where Ceph no longer prints them. Immutable.
 */
public record CrushRule(int id, String name, int ruleset, int type, int minSize, int maxSize, List<CrushStep> steps) {
    public CrushRule {
        requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    public String typeName() {
        return switch (type) {
            case 1 -> "replicated";
            case 3 -> "erasure";
            default -> "unknown";
        };
    }
}
