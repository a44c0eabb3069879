package io.calamari.tsdb.storage;

import io.calamari.tsdb.PointBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Points not yet sealed into a chunk file, one record per written batch, in numbered segments.
 * Records go to the page cache on write (so a killed process loses nothing written) and to disk on
 * {@link #sync} (so a lost machine loses at most one sync interval). A checkpoint starts a new
 * segment and deletes the older ones, whose points are by then in a synced chunk file. Not
 * thread-safe: the store appends under its write lock; {@link #sync} may run concurrently.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final String SUFFIX = ".wal";

    private final Path directory;
    private final ByteWriter buffer = new ByteWriter(1 << 16);
    private volatile RecordLog segment;
    private long segmentNumber;

    private WriteAheadLog(Path directory, long segmentNumber) {
        this.directory = directory;
        this.segmentNumber = segmentNumber;
        this.segment = RecordLog.open(segmentPath(segmentNumber), (payload, offset) -> {});
    }

    /**
     * Replays the existing segments in order into {@code replay} (a torn tail is skipped), then opens
     * a fresh segment after them. The replayed segments stay until the first {@link #checkpoint}.
     */
    public static WriteAheadLog open(Path directory, PointReplay replay) {
        try {
            Files.createDirectories(directory);
            long last = 0;
            for (Path path : segments(directory)) {
                RecordLog.read(path, (payload, offset) -> decode(payload, replay));
                last = Math.max(last, number(path));
            }
            return new WriteAheadLog(directory, last + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write-ahead log in " + directory, e);
        }
    }

    /** Appends a batch. Format: count, then per point the id, the timestamp (delta), the value bits. */
    public void append(PointBatch batch) {
        buffer.clear();
        buffer.writeVarLong(batch.size());
        long previous = 0;
        for (int i = 0; i < batch.size(); i++) {
            buffer.writeVarLong(batch.seriesId(i));
            buffer.writeSignedVarLong(batch.timestamp(i) - previous);
            previous = batch.timestamp(i);
            buffer.writeLong(Double.doubleToRawLongBits(batch.value(i)));
        }
        segment.append(buffer.array(), 0, buffer.size());
    }

    private static void decode(byte[] payload, PointReplay replay) {
        ByteReader in = new ByteReader(payload);
        long count = in.readVarLong();
        long timestamp = 0;
        for (long i = 0; i < count; i++) {
            int id = in.readVarInt();
            timestamp += in.readSignedVarLong();
            replay.point(id, timestamp, Double.longBitsToDouble(in.readLong()));
        }
    }

    public void sync() {
        segment.sync();
    }

    /** Bytes in the current segment. */
    public long segmentSize() {
        return segment.size();
    }

    /** Starts a new segment and deletes all older ones: call once their points are durable elsewhere. */
    public void checkpoint() {
        RecordLog previous = segment;
        segmentNumber++;
        segment = RecordLog.open(segmentPath(segmentNumber), (payload, offset) -> {});
        previous.close();
        try {
            for (Path path : segments(directory)) {
                if (number(path) < segmentNumber) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old write-ahead log segments in " + directory, e);
        }
    }

    private Path segmentPath(long number) {
        return directory.resolve(String.format("%016d%s", number, SUFFIX));
    }

    private static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> paths =
                    new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                            .toList());
            paths.sort(null);
            return paths;
        }
    }

    private static long number(Path path) {
        String name = path.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    @Override
    public void close() {
        segment.close();
    }

    /** Receives replayed points in write order. */
    @FunctionalInterface
    public interface PointReplay {
        void point(int seriesId, long timestamp, double value);
    }
}
