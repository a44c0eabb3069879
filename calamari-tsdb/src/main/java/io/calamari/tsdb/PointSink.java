package io.calamari.tsdb;

/**
 * Where ingested points go: the embedded store, or a fake in tests. Implementations are
 * thread-safe; callers keep one {@link PointBatch} each.
 */
public interface PointSink {
    /**
     * The id of the series with this Graphite name, created on first use. Tagged names
     * ({@code name;tag=value;...}) are normalised (tags sorted) first, so equal series get equal ids.
     *
     * @throws IllegalArgumentException when the name is not a valid series name (see {@link
     *     SeriesNames#validate}); the caller skips and counts the point
     */
    int seriesId(String name);

    /**
     * Stores the batch. It is durable after the next group sync (at most the configured sync interval
     * later). Blocks while the store is over its memory budget, which is how senders are slowed down:
     * the caller stops reading its socket meanwhile. The batch may be cleared and reused on return.
     */
    void write(PointBatch batch) throws InterruptedException;
}
