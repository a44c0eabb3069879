package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calamari's reduction of {@code pg dump pgs_brief}: PG counts per combined state for each OSD
 * (counting the PGs in its acting set), for each pool, and for the whole cluster, plus a digest of
 * the three that changes whenever any count changes. Immutable.
 */
public record PgSummary(
        Map<Integer, Map<String, Long>> byOsd,
        Map<Integer, Map<String, Long>> byPool,
        Map<String, Long> all,
        String digest) {
    public PgSummary {
        byOsd = copy(byOsd);
        byPool = copy(byPool);
        all = Map.copyOf(all);
        requireNonNull(digest, "digest");
    }

    /** The number of PGs summarised. */
    public long placementGroupCount() {
        return all.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<Integer, Map<String, Long>> copy(Map<Integer, Map<String, Long>> counts) {
        return counts.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Map.copyOf(entry.getValue())));
    }
}
