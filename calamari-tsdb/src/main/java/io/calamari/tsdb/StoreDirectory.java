package io.calamari.tsdb;

import io.calamari.tsdb.storage.CorruptDataException;
import io.calamari.tsdb.storage.Level0File;
import io.calamari.tsdb.storage.PartitionFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's directory layout and what is found in it at open: {@code series.log}, {@code wal/},
 * {@code level0/<n>.l0} and {@code partitions/<step>s/<window>.<version>.part}. Of several versions
 * of a partition the highest wins and the others are deleted (a crash between writing a new version
 * and deleting the old); unfinished {@code .tmp} files are deleted; a partition that fails to open
 * is renamed {@code .corrupt} and skipped.
 */
final class StoreDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);

    final Path root;
    final Path seriesLog;
    final Path wal;
    final Path level0;
    final Path partitions;

    StoreDirectory(Path root) {
        this.root = root;
        this.seriesLog = root.resolve("series.log");
        this.wal = root.resolve("wal");
        this.level0 = root.resolve("level0");
        this.partitions = root.resolve("partitions");
        try {
            Files.createDirectories(wal);
            Files.createDirectories(level0);
            Files.createDirectories(partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the metric store in " + root, e);
        }
    }

    Path level0Path(long number) {
        return level0.resolve(String.format("%016d.l0", number));
    }

    /** Existing level-0 files, oldest first. */
    List<Level0File> openLevel0() {
        List<Level0File> files = new ArrayList<>();
        for (Path path : list(level0)) {
            String name = path.getFileName().toString();
            if (name.endsWith(".l0")) {
                files.add(Level0File.open(path, Long.parseLong(name.substring(0, name.length() - 3))));
            }
        }
        files.sort((a, b) -> Long.compare(a.number(), b.number()));
        return files;
    }

    /** The newest version of each partition; returns them and sets {@code versions[0]} to the highest version. */
    List<PartitionFile> openPartitions(long[] highestVersion) {
        Map<String, Path> newest = new HashMap<>();
        Map<String, Long> newestVersion = new HashMap<>();
        for (Path stepDirectory : list(partitions)) {
            for (Path path : list(stepDirectory)) {
                String name = path.getFileName().toString();
                String[] parts = name.split("\\.");
                if (name.endsWith(".corrupt")) {
                    continue;
                }
                if (name.endsWith(".tmp") || parts.length != 3 || !parts[2].equals("part")) {
                    delete(path);
                    continue;
                }
                long version = Long.parseLong(parts[1]);
                highestVersion[0] = Math.max(highestVersion[0], version);
                String key = stepDirectory.getFileName() + "/" + parts[0];
                Long known = newestVersion.get(key);
                if (known != null && known > version) {
                    delete(path);
                    continue;
                }
                Path older = newest.put(key, path);
                if (older != null) {
                    delete(older);
                }
                newestVersion.put(key, version);
            }
        }
        List<PartitionFile> files = new ArrayList<>();
        for (Path path : newest.values()) {
            try {
                files.add(PartitionFile.open(path));
            } catch (CorruptDataException e) {
                LOG.warn("Partition {} is damaged and is set aside: {}", path, e.getMessage());
                try {
                    Files.move(path, path.resolveSibling(path.getFileName() + ".corrupt"));
                } catch (IOException moveFailure) {
                    throw new UncheckedIOException("cannot set aside " + path, moveFailure);
                }
            }
        }
        return files;
    }

    static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** Bytes on disk under the store's directory. */
    long diskBytes() {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + root, e);
        }
    }
}
