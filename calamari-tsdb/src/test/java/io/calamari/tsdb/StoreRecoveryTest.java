package io.calamari.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed process leaves behind, a torn log tail, and reads racing writes. */
class StoreRecoveryTest {
    static final long T0 = TimeSeriesStoreTest.T0;

    @TempDir
    Path directory;

    @TempDir
    Path crashed;

    final MutableClock clock = new MutableClock(T0 + 86_000);

    TsdbConfig config(Path where) {
        return TsdbConfig.of(
                where, StorageSchemas.parse(TimeSeriesStoreTest.SCHEMAS), StorageAggregation.defaults(), clock);
    }

    @Test
    void aKilledProcessLosesNothingItWroteAndATornTailIsSkipped() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(config(directory))) {
            // Enough points that some heads were sealed into the level-0 file, some still in the log only.
            for (int batch = 0; batch < 30; batch++) {
                PointBatch points = new PointBatch(64);
                for (int series = 0; series < 50; series++) {
                    points.add(store.seriesId("ceph.osd." + series + ".ops"), T0 + 10L * batch, batch * 1.5 + series);
                }
                store.write(points);
            }
            // What kill -9 leaves: every written byte, as the page cache holds it, nothing closed.
            copy(directory, crashed);
        }
        Path segment = lastWalSegment(crashed);
        long intact = Files.size(segment);
        // A torn tail: the start of a record that was being written when the machine stopped.
        Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 9, 9}, StandardOpenOption.APPEND);

        try (TimeSeriesStore recovered = TimeSeriesStore.open(config(crashed))) {
            long now = clock.seconds();
            for (int series = 0; series < 50; series += 7) {
                double[] values = recovered
                        .fetch("ceph.osd." + series + ".ops", T0 - 10, T0 + 290, now)
                        .orElseThrow()
                        .values();
                assertThat(values).hasSize(30);
                for (int batch = 0; batch < 30; batch++) {
                    assertThat(values[batch]).isEqualTo(batch * 1.5 + series);
                }
            }
            assertThat(intact).isPositive();
            assertThat(recovered.expand("ceph.osd.*.ops")).hasSize(50);
        }
    }

    @Test
    void aTornSeriesLogLosesOnlyTheSeriesItNamed() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(config(directory))) {
            PointBatch points = new PointBatch(4);
            points.add(store.seriesId("a.one"), T0, 1);
            points.add(store.seriesId("a.two"), T0, 2);
            store.write(points);
            // In a level-0 file, so that compaction meets the id whose name is lost.
            store.checkpoint();
            copy(directory, crashed);
        }
        Path log = crashed.resolve("series.log");
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 3));

        try (TimeSeriesStore recovered = TimeSeriesStore.open(config(crashed))) {
            assertThat(recovered.expand("a.*")).containsExactly("a.one");
            assertThat(recovered
                            .fetch("a.one", T0 - 10, T0, clock.seconds())
                            .orElseThrow()
                            .values())
                    .containsExactly(1.0);
            // The name can be used again and gets a fresh id.
            PointBatch points = new PointBatch(1);
            points.add(recovered.seriesId("a.two"), T0, 3);
            recovered.write(points);
            assertThat(recovered
                            .fetch("a.two", T0 - 10, T0, clock.seconds())
                            .orElseThrow()
                            .values())
                    .containsExactly(3.0);
        }
    }

    @Test
    void readsRacingWritesAndCompactionsSeeWholeConsistentData() throws Exception {
        int seriesCount = 40;
        int steps = 2_000;
        try (TimeSeriesStore store =
                TimeSeriesStore.open(config(directory).withCheckpointInterval(Duration.ofSeconds(1)))) {
            int[] ids = new int[seriesCount];
            for (int i = 0; i < seriesCount; i++) {
                ids[i] = store.seriesId("servers.node" + i + ".load");
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(2);
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                results.add(readers.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        for (int i = 0; i < seriesCount; i += 3) {
                            double[] values = store.fetch(
                                            "servers.node" + i + ".load", T0 - 10, T0 + steps * 10L, clock.seconds())
                                    .orElseThrow()
                                    .values();
                            // Written in time order: whatever is visible is a prefix with the right values.
                            int visible = 0;
                            while (visible < values.length && !Double.isNaN(values[visible])) {
                                assertThat(values[visible]).isEqualTo(visible + i / 100.0);
                                visible++;
                            }
                            for (int rest = visible; rest < values.length; rest++) {
                                assertThat(values[rest]).isNaN();
                            }
                            reads++;
                        }
                    }
                    return reads;
                }));
            }
            for (int step = 0; step < steps; step++) {
                PointBatch batch = new PointBatch(seriesCount);
                for (int i = 0; i < seriesCount; i++) {
                    batch.add(ids[i], T0 + 10L * step, step + i / 100.0);
                }
                store.write(batch);
                if (step % 500 == 0) {
                    store.compactNow();
                }
            }
            writing.set(false);
            for (Future<Integer> result : results) {
                assertThat(result.get()).isPositive();
            }
            readers.shutdown();
            store.compactNow();
            double[] values = store.fetch("servers.node39.load", T0 - 10, T0 + steps * 10L, clock.seconds())
                    .orElseThrow()
                    .values();
            assertThat(Arrays.stream(values).filter(v -> !Double.isNaN(v)).count())
                    .isEqualTo(steps);
        }
    }

    static Path lastWalSegment(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("wal"))) {
            return files.sorted().reduce((first, second) -> second).orElseThrow();
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
