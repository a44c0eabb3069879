package io.calamari.tsdb.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One consistent view of the store's immutable files: partitions by step (sorted by window) and the
 * closed level-0 files awaiting compaction (in write order). Replaced whole when compaction or
 * retention changes files, so readers never see half of a change. Immutable.
 */
public record StoreFiles(Map<Integer, List<PartitionFile>> partitionsByStep, List<Level0File> closedLevel0) {
    public StoreFiles {
        TreeMap<Integer, List<PartitionFile>> copy = new TreeMap<>();
        partitionsByStep.forEach((step, files) -> {
            List<PartitionFile> sorted = new ArrayList<>(files);
            sorted.sort(Comparator.comparingLong(PartitionFile::windowStart));
            if (!sorted.isEmpty()) {
                copy.put(step, List.copyOf(sorted));
            }
        });
        partitionsByStep = Collections.unmodifiableMap(copy);
        closedLevel0 = List.copyOf(closedLevel0);
    }

    public static StoreFiles empty() {
        return new StoreFiles(Map.of(), List.of());
    }

    public List<PartitionFile> partitions(int step) {
        return partitionsByStep.getOrDefault(step, List.of());
    }

    public List<PartitionFile> allPartitions() {
        return partitionsByStep.values().stream().flatMap(List::stream).toList();
    }

    /** This view with some partitions replaced (same step and window) or added, and some removed. */
    public StoreFiles withPartitions(List<PartitionFile> added, List<PartitionFile> removed) {
        Map<Integer, List<PartitionFile>> copy = new TreeMap<>();
        partitionsByStep.forEach((step, files) -> copy.put(step, new ArrayList<>(files)));
        for (PartitionFile file : removed) {
            copy.getOrDefault(file.step(), new ArrayList<>()).remove(file);
        }
        for (PartitionFile file : added) {
            copy.computeIfAbsent(file.step(), step -> new ArrayList<>()).add(file);
        }
        return new StoreFiles(copy, closedLevel0);
    }

    public StoreFiles withClosedLevel0(List<Level0File> files) {
        return new StoreFiles(partitionsByStep, files);
    }
}
