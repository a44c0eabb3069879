package io.calamari.tsdb.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * Writes new versions of partitions, one per (step, window) touched, by merging new points for
 * series in increasing id order with the previous version's chunks: series without new points are
 * copied as they are, new points replace old ones in the same slot. Not thread-safe; one per
 * compaction or rollup pass.
 */
final class PartitionMerger implements AutoCloseable {
    private final Path directory;
    private final StoreFiles files;
    private final LongSupplier versions;
    private final Map<String, Target> targets = new HashMap<>();
    private final List<PartitionFile> replaced = new ArrayList<>();

    private static final class Target {
        final PartitionFile.Writer writer;
        final Optional<PartitionFile> previous;
        int cursor;

        Target(PartitionFile.Writer writer, Optional<PartitionFile> previous) {
            this.writer = writer;
            this.previous = previous;
        }

        void copyBefore(int seriesId, IntPredicate dropped) {
            if (previous.isEmpty()) {
                return;
            }
            ChunkIndex index = previous.get().index();
            while (cursor < index.size() && index.seriesId(cursor) < seriesId) {
                int id = index.seriesId(cursor);
                if (!dropped.test(id)) {
                    writer.addRaw(id, previous.get().readRaw(cursor), index.minTime(cursor), index.maxTime(cursor));
                }
                cursor++;
            }
        }
    }

    PartitionMerger(Path directory, StoreFiles files, LongSupplier versions) {
        this.directory = directory;
        this.files = files;
        this.versions = versions;
    }

    /**
     * Path of a partition file: {@code <step>s/<window start>.<version>.part}. Each version gets a new
     * name so that readers of the previous one are undisturbed; at open the highest version wins.
     */
    static Path partitionPath(Path directory, int step, long windowStart, long version) {
        return directory.resolve(step + "s").resolve(windowStart + "." + version + ".part");
    }

    /**
     * Adds points of one series to the partition of its window; calls must come in increasing series
     * id order per partition. The points must all lie in the window starting at {@code windowStart}.
     */
    void add(int seriesId, int step, long windowStart, long windowEnd, Points points) {
        Target target = target(step, windowStart, windowEnd);
        target.copyBefore(seriesId, id -> false);
        Points merged = points;
        if (target.previous.isPresent()) {
            ChunkIndex index = target.previous.get().index();
            if (target.cursor < index.size() && index.seriesId(target.cursor) == seriesId) {
                merged = concat(target.previous.get().read(target.cursor), points)
                        .sortedLastWins();
                target.cursor++;
            }
        }
        if (merged.size() > 0) {
            target.writer.add(seriesId, merged);
        }
    }

    private Target target(int step, long windowStart, long windowEnd) {
        return targets.computeIfAbsent(step + "/" + windowStart, key -> {
            Optional<PartitionFile> previous = files.partitions(step).stream()
                    .filter(p -> p.windowStart() == windowStart)
                    .findFirst();
            Path path = partitionPath(directory, step, windowStart, versions.getAsLong());
            try {
                Files.createDirectories(path.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + path.getParent(), e);
            }
            return new Target(new PartitionFile.Writer(path, step, windowStart, windowEnd), previous);
        });
    }

    /** Rewrites an existing partition without the series {@code dropped} accepts. */
    void rewriteWithout(PartitionFile partition, IntPredicate dropped) {
        Target target = target(partition.step(), partition.windowStart(), partition.windowEnd());
        target.copyBefore(Integer.MAX_VALUE, dropped);
    }

    /** Finishes every touched partition; returns (added, replaced). Empty new versions are deleted. */
    PartitionChange finish() {
        List<PartitionFile> added = new ArrayList<>();
        for (Target target : targets.values()) {
            target.copyBefore(Integer.MAX_VALUE, id -> false);
            target.previous.ifPresent(replaced::add);
            if (target.writer.isEmpty()) {
                target.writer.close();
            } else {
                added.add(target.writer.finish());
            }
        }
        targets.clear();
        return new PartitionChange(added, List.copyOf(replaced));
    }

    static Points concat(Points first, Points second) {
        Points all = new Points(first.size() + second.size());
        for (int i = 0; i < first.size(); i++) {
            all.add(first.timestamp(i), first.value(i));
        }
        for (int i = 0; i < second.size(); i++) {
            all.add(second.timestamp(i), second.value(i));
        }
        return all;
    }

    @Override
    public void close() {
        for (Target target : targets.values()) {
            target.writer.close();
        }
    }
}
