package io.calamari.tsdb.storage;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to read one series consistently, captured under the store's write lock: the
 * file view, the active level-0 file with this series' chunk offsets in it, and a copy of its head.
 * Reading happens afterwards without the lock. Immutable.
 */
public record SeriesView(
        int seriesId,
        SeriesState state,
        StoreFiles files,
        @Nullable Level0File activeFile,
        long[] activeChunks,
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

    /** The earliest raw time not yet in partitions, or {@link Long#MAX_VALUE}. */
    public long recentRawStart() {
        long start = Long.MAX_VALUE;
        for (Level0File file : files.closedLevel0()) {
            ChunkIndex index = file.index();
            for (int i = index.first(seriesId); i >= 0 && i < index.size() && index.seriesId(i) == seriesId; i++) {
                start = Math.min(start, index.minTime(i));
            }
        }
        for (Points run : recentRaw()) {
            if (run.size() > 0) {
                start = Math.min(start, run.timestamp(0));
            }
        }
        return start;
    }
}
