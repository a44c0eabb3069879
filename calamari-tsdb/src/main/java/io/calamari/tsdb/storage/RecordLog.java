package io.calamari.tsdb.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An append-only file of framed records: a 4-byte length, a 4-byte CRC-32C of the payload, the
 * payload. Reading stops at the first record that is incomplete or fails its checksum: a torn tail
 * after a crash is skipped, never fatal, and the file is truncated there before new appends. Not
 * thread-safe: the owner serialises appends.
 */
public final class RecordLog implements AutoCloseable {
    /** Largest record accepted on read, to stop a damaged length from allocating gigabytes. */
    public static final int MAX_RECORD = 64 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(8);
    private final CRC32C crc = new CRC32C();
    private long size;

    private RecordLog(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Opens for appending after the last valid record, which {@code reader} is given in order. */
    public static RecordLog open(Path path, RecordReader reader) {
        try {
            FileChannel channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long valid = readAll(channel, reader);
            if (valid < channel.size()) {
                channel.truncate(valid);
            }
            channel.position(valid);
            return new RecordLog(path, channel, valid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    /** Reads every valid record of a file without opening it for writing; returns the valid length. */
    public static long read(Path path, RecordReader reader) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return readAll(channel, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static long readAll(FileChannel channel, RecordReader reader) throws IOException {
        long fileSize = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(8);
        CRC32C crc = new CRC32C();
        while (position + 8 <= fileSize) {
            header.clear();
            channel.read(header, position);
            int length = header.getInt(0);
            int checksum = header.getInt(4);
            if (length < 0 || length > MAX_RECORD || position + 8 + length > fileSize) {
                break;
            }
            byte[] payload = new byte[length];
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + 8 + buffer.position()) < 0) {
                    break;
                }
            }
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() != checksum) {
                break;
            }
            try {
                reader.record(payload, position);
            } catch (CorruptDataException e) {
                break;
            }
            position += 8 + length;
        }
        return position;
    }

    /** Appends one record (to the page cache; {@link #sync} makes it durable); returns its offset. */
    public long append(byte[] payload, int offset, int length) {
        crc.reset();
        crc.update(payload, offset, length);
        header.clear();
        header.putInt(length).putInt((int) crc.getValue()).flip();
        long start = size;
        try {
            writeFully(header);
            writeFully(ByteBuffer.wrap(payload, offset, length));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
        size += 8 + length;
        return start;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Forces appended records to disk. */
    public void sync() {
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            // Closed by a checkpoint meanwhile: its records are in a synced chunk file by then.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + path, e);
        }
    }

    /** Reads the payload of the record at {@code offset} (from {@link #append}). */
    public byte[] readRecord(long offset) {
        return readRecord(channel, offset, path);
    }

    static byte[] readRecord(FileChannel channel, long offset, Path path) {
        try {
            ByteBuffer header = ByteBuffer.allocate(8);
            channel.read(header, offset);
            int length = header.getInt(0);
            if (length < 0 || length > MAX_RECORD) {
                throw new CorruptDataException("record length " + length + " at " + offset + " in " + path);
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            while (payload.hasRemaining()) {
                if (channel.read(payload, offset + 8 + payload.position()) < 0) {
                    throw new CorruptDataException("record at " + offset + " in " + path + " is cut short");
                }
            }
            return payload.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public long size() {
        return size;
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

    /** Receives each valid record; may throw {@link CorruptDataException} to stop reading there. */
    @FunctionalInterface
    public interface RecordReader {
        void record(byte[] payload, long offset);
    }
}
