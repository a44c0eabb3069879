package io.calamari.ceph.model;

import java.util.List;
import java.util.Optional;

/** The CRUSH map from {@code osd crush dump}: devices, types, buckets and rules. Immutable. */
public record CrushMap(
        List<CrushDevice> devices, List<CrushType> types, List<CrushBucket> buckets, List<CrushRule> rules) {
    public CrushMap {
        devices = List.copyOf(devices);
        types = List.copyOf(types);
        buckets = List.copyOf(buckets);
        rules = List.copyOf(rules);
    }

    public Optional<CrushBucket> bucket(int id) {
        return buckets.stream().filter(bucket -> bucket.id() == id).findFirst();
    }

    public Optional<CrushBucket> bucket(String name) {
        return buckets.stream().filter(bucket -> bucket.name().equals(name)).findFirst();
    }

    public Optional<CrushRule> rule(int id) {
        return rules.stream().filter(rule -> rule.id() == id).findFirst();
    }

    public Optional<CrushType> type(int id) {
        return types.stream().filter(type -> type.id() == id).findFirst();
    }
}
