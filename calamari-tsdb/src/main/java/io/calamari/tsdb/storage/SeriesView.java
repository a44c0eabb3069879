package io.calamari.tsdb.storage;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to read one series consistently, captured under the store's write lock: the
 * file view, the active level-0 file with this series' chunk offsets in it (and their earliest
 * time), and a copy of its head.
 * Reading happens afterwards without the lock. Immutable.
 */
public record SeriesView(
        int seriesId,
        SeriesState state,
        StoreFiles files,
        @Nullable Level0File activeFile,
        long[] activeChunks,
        long activeStart,
        Points head) {

    /** Raw points not yet in partitions, oldest write first: closed level-0, active level-0, head. */
    public List<Points> recentRaw() {
        List<Points> runs = new ArrayList<>();
        for (Level0File file : files.closedLevel0()) {
            ChunkIndex index = file.index();
            for (int i = index.first(seriesId); i >= 0 && i < index.size() && index.seriesId(i) == seriesId; i++) {
                runs.add(file.read(index.offset(i)));
            }
        }
        if (activeFile != null) {
            for (long offset : activeChunks) {
                runs.add(activeFile.read(offset));
            }
        }
        if (head.size() > 0) {
            runs.add(head);
        }
        return runs;
    }

    /** The earliest raw time not yet in partitions, or {@link Long#MAX_VALUE}; decodes nothing. */
    public long recentRawStart() {
        long start = activeStart;
        for (Level0File file : files.closedLevel0()) {
            ChunkIndex index = file.index();
            for (int i = index.first(seriesId); i >= 0 && i < index.size() && index.seriesId(i) == seriesId; i++) {
                start = Math.min(start, index.minTime(i));
            }
        }
        return head.size() > 0 ? Math.min(start, head.timestamp(0)) : start;
    }
}
