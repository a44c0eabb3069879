package io.calamari.server.request;

import io.calamari.ceph.model.Pool;
import java.util.Optional;

/** A pool's numeric settings by the name of the {@code osd pool set} variable that changes them. */
public final class PoolSettings {
    private PoolSettings() {}

    /**
     * The value of {@code name} ({@code size}, {@code min_size}, {@code pg_num}, {@code pgp_num},
     * {@code crush_rule}, {@code hashpspool} as 0/1, {@code quota_max_bytes}, {@code quota_max_objects});
     * {@code pg_num} and {@code pgp_num} are the targets Ceph steps towards. Empty for other names.
     */
    public static Optional<Long> value(Pool pool, String name) {
        return switch (name) {
            case "size" -> Optional.of((long) pool.size());
            case "min_size" -> Optional.of((long) pool.minSize());
            case "pg_num" -> Optional.of((long) pool.placementGroupTarget());
            case "pgp_num" -> Optional.of((long) pool.placementGroupPlacementTarget());
            case "crush_rule" -> Optional.of((long) pool.crushRule());
            case "hashpspool" -> Optional.of(pool.hashpspool() ? 1L : 0L);
            case "quota_max_bytes" -> Optional.of(pool.quotaMaxBytes());
            case "quota_max_objects" -> Optional.of(pool.quotaMaxObjects());
            default -> Optional.empty();
        };
    }
}
