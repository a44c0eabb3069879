package io.calamari.tsdb.storage;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An immutable file holding the points of one time window at one step for many series: one
 * zstd-compressed {@link ChunkCodec} chunk per series, then an index (series id, offset, time range)
 * sorted by id, then a trailer with the index's offset. Files are written under a temporary name and
 * renamed, so a file either exists whole or not at all. Thread-safe for reads.
 */
public final class PartitionFile implements AutoCloseable {
    private static final int MAGIC = 0x43545331; // "CTS1"
    private static final int COMPRESSION_LEVEL = 3;

    private final Path path;
    private final int step;
    private final long windowStart;
    private final long windowEnd;
    private final FileChannel channel;
    private final ChunkIndex index;
    private final long size;

    private PartitionFile(
            Path path, int step, long windowStart, long windowEnd, FileChannel channel, ChunkIndex index, long size) {
        this.path = path;
        this.step = step;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.channel = channel;
        this.index = index;
        this.size = size;
    }

    /** Opens a file written by {@link Writer}. */
    public static PartitionFile open(Path path) {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            ByteBuffer trailer = ByteBuffer.allocate(12);
            if (size < 12 || channel.read(trailer, size - 12) != 12 || trailer.getInt(8) != MAGIC) {
                channel.close();
                throw new CorruptDataException("partition " + path + " has no valid trailer");
            }
            long indexOffset = trailer.getLong(0);
            ByteReader in = new ByteReader(RecordLog.readRecord(channel, indexOffset, path));
            int step = in.readVarInt();
            long windowStart = in.readSignedVarLong();
            long windowEnd = windowStart + in.readVarLong();
            int count = in.readVarInt();
            ChunkIndex index = new ChunkIndex();
            int id = 0;
            long offset = 0;
            for (int i = 0; i < count; i++) {
                id += in.readVarInt();
                offset += in.readVarLong();
                long min = in.readSignedVarLong();
                index.add(id, offset, min, min + in.readVarLong());
            }
            return new PartitionFile(path, step, windowStart, windowEnd, channel, index, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open partition " + path, e);
        }
    }

    /** The entry index of a series, or -1. */
    public int find(int seriesId) {
        return index.first(seriesId);
    }

    /** The decoded points of an entry. */
    public Points read(int entry) {
        return ChunkCodec.decode(new ByteReader(decompress(readRaw(entry))));
    }

    /** The compressed chunk of an entry, to copy into a new partition unchanged. */
    byte[] readRaw(int entry) {
        return RecordLog.readRecord(channel, index.offset(entry), path);
    }

    static byte[] decompress(byte[] record) {
        ByteReader in = new ByteReader(record);
        int length = in.readVarInt();
        int header = in.position();
        byte[] out = new byte[length];
        long written = Zstd.decompressByteArray(out, 0, length, record, header, record.length - header);
        if (Zstd.isError(written) || written != length) {
            throw new CorruptDataException("chunk does not decompress");
        }
        return out;
    }

    ChunkIndex index() {
        return index;
    }

    public int step() {
        return step;
    }

    public long windowStart() {
        return windowStart;
    }

    public long windowEnd() {
        return windowEnd;
    }

    public long size() {
        return size;
    }

    public int seriesCount() {
        return index.size();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }

    /** Writes a new partition; chunks must come in increasing series id order. Not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private final RecordLog log;
        private final int step;
        private final long windowStart;
        private final long windowEnd;
        private final ChunkIndex index = new ChunkIndex();
        private final ByteWriter encoded = new ByteWriter(1 << 16);
        private final ByteWriter record = new ByteWriter(1 << 16);
        private int lastId = -1;

        public Writer(Path target, int step, long windowStart, long windowEnd) {
            this.target = target;
            this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + temporary, e);
            }
            this.log = RecordLog.open(temporary, (payload, offset) -> {});
            this.step = step;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        public void add(int seriesId, Points points) {
            encoded.clear();
            ChunkCodec.encode(points, encoded);
            byte[] compressed = Zstd.compress(encoded.toByteArray(), COMPRESSION_LEVEL);
            record.clear();
            record.writeVarLong(encoded.size());
            record.write(compressed, 0, compressed.length);
            addRaw(seriesId, record.toByteArray(), points.timestamp(0), points.timestamp(points.size() - 1));
        }

        /** Copies a chunk read with {@link PartitionFile#readRaw} unchanged. */
        void addRaw(int seriesId, byte[] raw, long minTime, long maxTime) {
            if (seriesId <= lastId) {
                throw new IllegalStateException("series " + seriesId + " after " + lastId);
            }
            lastId = seriesId;
            index.add(seriesId, log.append(raw, 0, raw.length), minTime, maxTime);
        }

        public boolean isEmpty() {
            return index.size() == 0;
        }

        /** Writes the index and trailer, syncs, renames into place and opens the result. */
        public PartitionFile finish() {
            ByteWriter out = new ByteWriter(16 + index.size() * 12);
            out.writeVarLong(step);
            out.writeSignedVarLong(windowStart);
            out.writeVarLong(windowEnd - windowStart);
            out.writeVarLong(index.size());
            int id = 0;
            long offset = 0;
            for (int i = 0; i < index.size(); i++) {
                out.writeVarLong(index.seriesId(i) - id);
                out.writeVarLong(index.offset(i) - offset);
                out.writeSignedVarLong(index.minTime(i));
                out.writeVarLong(index.maxTime(i) - index.minTime(i));
                id = index.seriesId(i);
                offset = index.offset(i);
            }
            long indexOffset = log.append(out.array(), 0, out.size());
            ByteWriter trailer = new ByteWriter(12);
            trailer.writeLong(indexOffset);
            trailer.writeInt(MAGIC);
            appendTrailer(trailer);
            log.sync();
            log.close();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rename " + temporary, e);
            }
            return open(target);
        }

        private void appendTrailer(ByteWriter trailer) {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(trailer.array(), 0, trailer.size());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish " + temporary, e);
            }
        }

        /** Abandons the file. */
        @Override
        public void close() {
            log.close();
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + temporary, e);
            }
        }
    }
}
