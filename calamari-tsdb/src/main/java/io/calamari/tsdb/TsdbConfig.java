package io.calamari.tsdb;

import static java.util.Objects.requireNonNull;

import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How the store is opened: its directory, carbon's schema and aggregation rules, how often the
 * write-ahead log is synced (the most a lost machine can lose) and how often heads are checkpointed
 * into chunk files.
 */
public record TsdbConfig(
        Path directory,
        StorageSchemas schemas,
        StorageAggregation aggregation,
        Duration syncInterval,
        Duration checkpointInterval,
        Clock clock) {
    /** Points a head holds before it is sealed into a chunk. */
    public static final int HEAD_CAPACITY = 120;

    /** A level-0 file is closed and handed to compaction at this size even before the checkpoint. */
    public static final long LEVEL0_MAX_BYTES = 64L << 20;

    /** Writers wait while this many closed level-0 files await compaction (back-pressure). */
    public static final int MAX_PENDING_LEVEL0 = 6;

    /** Steps per time partition: a day at 10 s, six days at 60 s. */
    public static final int PARTITION_STEPS = 8_640;

    public TsdbConfig {
        requireNonNull(directory, "directory");
        requireNonNull(schemas, "schemas");
        requireNonNull(aggregation, "aggregation");
        requireNonNull(clock, "clock");
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("syncInterval must be positive");
        }
        if (checkpointInterval.compareTo(syncInterval) < 0) {
            throw new IllegalArgumentException("checkpointInterval must not be shorter than syncInterval");
        }
    }

    /** Defaults: sync every second, checkpoint every five minutes. */
    public static TsdbConfig of(Path directory, StorageSchemas schemas, StorageAggregation aggregation, Clock clock) {
        return new TsdbConfig(directory, schemas, aggregation, Duration.ofSeconds(1), Duration.ofMinutes(5), clock);
    }

    public TsdbConfig withSyncInterval(Duration interval) {
        return new TsdbConfig(directory, schemas, aggregation, interval, checkpointInterval, clock);
    }

    public TsdbConfig withCheckpointInterval(Duration interval) {
        return new TsdbConfig(directory, schemas, aggregation, syncInterval, interval, clock);
    }
}
