package io.calamari.tsdb.storage;

import java.nio.file.Path;

/**
 * Chunks of raw points sealed from the heads, in the order they were sealed: one record per chunk
 * ({@code series id, first time, span, encoded points}). Written until the next checkpoint, then
 * closed, sorted by series and merged into partitions by compaction. Appends are serialised by the
 * store; reads of a closed file are thread-safe.
 */
public final class Level0File implements AutoCloseable {
    private final long number;
    private final RecordLog log;
    private final ChunkIndex index;
    private final ByteWriter buffer = new ByteWriter(4096);
    private volatile boolean closedForWrites;

    private Level0File(long number, RecordLog log, ChunkIndex index) {
        this.number = number;
        this.log = log;
        this.index = index;
    }

    /** Opens (or creates) a file; existing valid records are indexed, a torn tail dropped. */
    public static Level0File open(Path path, long number) {
        ChunkIndex index = new ChunkIndex();
        RecordLog log = RecordLog.open(path, (payload, offset) -> {
            ByteReader in = new ByteReader(payload);
            int id = in.readVarInt();
            long min = in.readSignedVarLong();
            index.add(id, offset, min, min + in.readVarLong());
        });
        return new Level0File(number, log, index);
    }

    /** Appends a chunk of sorted, unique points; returns its offset. */
    public long append(int seriesId, Points points) {
        if (closedForWrites) {
            throw new IllegalStateException("level-0 file " + number + " is closed for writes");
        }
        buffer.clear();
        long min = points.timestamp(0);
        long max = points.timestamp(points.size() - 1);
        buffer.writeVarLong(seriesId);
        buffer.writeSignedVarLong(min);
        buffer.writeVarLong(max - min);
        ChunkCodec.encode(points, buffer);
        long offset = log.append(buffer.array(), 0, buffer.size());
        index.add(seriesId, offset, min, max);
        return offset;
    }

    /** Reads the chunk at an offset from {@link #append} or the index. */
    public Points read(long offset) {
        ByteReader in = new ByteReader(log.readRecord(offset));
        in.readVarInt();
        in.readSignedVarLong();
        in.readVarLong();
        return ChunkCodec.decode(in);
    }

    /** Syncs, stops writes and sorts the index for lookups by series. */
    public void seal() {
        log.sync();
        closedForWrites = true;
        index.sort();
    }

    ChunkIndex index() {
        return index;
    }

    public long number() {
        return number;
    }

    public long size() {
        return log.size();
    }

    public Path path() {
        return log.path();
    }

    @Override
    public void close() {
        log.close();
    }
}
