package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A CRUSH bucket from {@code osd crush dump}. {@code weight} is the raw 16.16 fixed point value
 * divided by 65536. Device-class shadow buckets ({@code default~hdd}) are kept; see {@link
 * #isShadow()}. Immutable.
 */
public record CrushBucket(
        int id,
        String name,
        int typeId,
        String typeName,
        double weight,
        String algorithm,
        String hash,
        List<CrushItem> items) {
    public CrushBucket {
        requireNonNull(name, "name");
        requireNonNull(typeName, "typeName");
        requireNonNull(algorithm, "algorithm");
        requireNonNull(hash, "hash");
        items = List.copyOf(items);
    }

    /** Whether Ceph generated this bucket for a device class (its name contains {@code ~}). */
    public boolean isShadow() {
        return name.indexOf('~') >= 0;
    }
}
