package io.calamari.tsdb.storage;

import org.jspecify.annotations.Nullable;

/**
 * The store's series by id, for compaction and rollups. An id without a series (its name was lost
 * with a torn series log) gives null, and its points are dropped rather than stopping compaction.
 */
@FunctionalInterface
public interface SeriesStates {
    @Nullable
    SeriesState get(int seriesId);
}
