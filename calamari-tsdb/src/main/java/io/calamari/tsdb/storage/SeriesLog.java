package io.calamari.tsdb.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * The names of all series, one record per series in id order (the n-th valid record is id n).
 * Synced before the write-ahead log, so that every id the log mentions is known after a crash. Not
 * thread-safe: the store appends under its index lock.
 */
public final class SeriesLog implements AutoCloseable {
    private final RecordLog log;
    private int count;

    private SeriesLog(RecordLog log, int count) {
        this.log = log;
        this.count = count;
    }

    /** Opens the log, giving every stored (id, name) to {@code restored}. */
    public static SeriesLog open(Path path, BiConsumer<Integer, String> restored) {
        int[] count = {0};
        RecordLog log = RecordLog.open(path, (payload, offset) -> {
            restored.accept(count[0], new String(payload, StandardCharsets.UTF_8));
            count[0]++;
        });
        return new SeriesLog(log, count[0]);
    }

    /** Records the next id's name; the id must be {@link #count()}. */
    public void append(int id, String name) {
        if (id != count) {
            throw new IllegalStateException("series id " + id + " out of order, expected " + count);
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        log.append(bytes, 0, bytes.length);
        count++;
    }

    public int count() {
        return count;
    }

    public void sync() {
        log.sync();
    }

    @Override
    public void close() {
        log.close();
    }
}
