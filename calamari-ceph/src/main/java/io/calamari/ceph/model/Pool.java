package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * One pool of {@code osd dump} (or {@code osd pool ls detail}). {@code type} is Ceph's numeric pool
 * type (1 replicated, 3 erasure); {@code flags} the raw flag bits. Since Nautilus Ceph moves
 * {@code pg_num} and {@code pgp_num} towards their targets step by step; {@code autoscaleMode} is
 * {@code pg_autoscale_mode} ({@code on}, {@code warn}, {@code off}), {@code compressionMode} the
 * pool's {@code compression_mode} option ({@code ""} when unset). Immutable.
 */
public record Pool(
        int id,
        String name,
        int type,
        int size,
        int minSize,
        int placementGroupCount,
        int placementGroupPlacementCount,
        int crushRule,
        String erasureCodeProfile,
        long flags,
        List<String> flagNames,
        long quotaMaxBytes,
        long quotaMaxObjects,
        Set<String> applications,
        int placementGroupTarget,
        int placementGroupPlacementTarget,
        String autoscaleMode,
        String compressionMode) {
    public static final int TYPE_REPLICATED = 1;
    public static final int TYPE_ERASURE = 3;
    private static final long FLAG_HASHPSPOOL = 1;
    private static final long FLAG_FULL = 2;

    public Pool {
        requireNonNull(name, "name");
        requireNonNull(erasureCodeProfile, "erasureCodeProfile");
        flagNames = List.copyOf(flagNames);
        applications = Set.copyOf(applications);
        requireNonNull(autoscaleMode, "autoscaleMode");
        requireNonNull(compressionMode, "compressionMode");
    }

    /** Calamari's type name: {@code replicated}, {@code erasure}, else {@code unknown}. */
    public String typeName() {
        return switch (type) {
            case TYPE_REPLICATED -> "replicated";
            case TYPE_ERASURE -> "erasure";
            default -> "unknown";
        };
    }

    public boolean hashpspool() {
        return (flags & FLAG_HASHPSPOOL) != 0 || flagNames.contains("hashpspool");
    }

    public boolean full() {
        return (flags & FLAG_FULL) != 0 || flagNames.contains("full");
    }
}
