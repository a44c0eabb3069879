package io.calamari.tsdb.storage;

import java.util.List;

/** What a compaction or rollup pass wrote ({@code added}) and what those files supersede. */
public record PartitionChange(List<PartitionFile> added, List<PartitionFile> replaced) {
    public PartitionChange {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
    }
}
