package io.calamari.tsdb.bench;

import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.TsdbConfig;
import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

/**
 * The store alone, in process: writes SERIES Ceph-like series (counters, 2-decimal gauges, small
 * integers) at a 10 s step for DAYS days of history ending now, in batches of 8,192 as a listener
 * would, then compacts and prints points/s, CPU seconds per million points, bytes per point on disk
 * and the time to fetch 100 series over one day. Run with {@code bench/tsdb.sh} or
 * {@code BENCH_MODULE=calamari-tsdb bench/run-benchmark.sh io.calamari.tsdb.bench.StoreBenchmark
 * [series] [days]}.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double days = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int steps = (int) (days * 8_640);
        Path directory = Files.createTempDirectory("calamari-tsdb-bench");
        long now = System.currentTimeMillis() / 1000 / 86_400 * 86_400 + 86_400;
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        StorageSchemas schemas = StorageSchemas.parse("[all]\npattern = .*\nretentions = 10s:2d,1m:30d,1h:1y\n");
        TsdbConfig config = TsdbConfig.of(directory, schemas, StorageAggregation.defaults(), clock);
        long start = now - steps * 10L;
        try (TimeSeriesStore store = TimeSeriesStore.open(config)) {
            int[] ids = new int[series];
            for (int i = 0; i < series; i++) {
                ids[i] = store.seriesId(name(i));
            }
            Random random = new Random(42);
            double[] state = new double[series];
            PointBatch batch = new PointBatch(8_192);
            long cpuBefore = cpuNanos();
            long wallBefore = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                long time = start + step * 10L;
                for (int i = 0; i < series; i++) {
                    batch.add(ids[i], time, value(i, state, random));
                    if (batch.size() == 8_192) {
                        store.write(batch);
                        batch.clear();
                    }
                }
            }
            store.write(batch);
            long points = (long) series * steps;
            double ingestSeconds = (System.nanoTime() - wallBefore) / 1e9;
            double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
            long compactBefore = System.nanoTime();
            store.compactNow();
            double compactSeconds = (System.nanoTime() - compactBefore) / 1e9;
            TimeSeriesStore.Stats stats = store.stats();
            long[] renderNanos = new long[20];
            for (int round = 0; round < renderNanos.length; round++) {
                long before = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    FetchedSeries fetched = store.fetch(name(i * (series / 100) + round % 3), now - 86_400, now, now)
                            .orElseThrow();
                    if (fetched.values().length != 8_640) {
                        throw new IllegalStateException("unexpected length " + fetched.values().length);
                    }
                }
                renderNanos[round] = System.nanoTime() - before;
            }
            Arrays.sort(renderNanos);
            System.out.printf("series %,d, steps %,d, points %,d%n", series, steps, points);
            System.out.printf(
                    "ingest: %.1f s, %,.0f points/s, %.2f CPU-s per million points (process)%n",
                    ingestSeconds, points / ingestSeconds, cpuSeconds / (points / 1e6));
            System.out.printf("compaction after ingest: %.1f s%n", compactSeconds);
            System.out.printf(
                    "disk: partitions %,d bytes, %.3f bytes per point (%d partitions); whole directory %,d bytes"
                            + " (superseded files are deleted a minute later)%n",
                    stats.partitionBytes(),
                    (double) stats.partitionBytes() / points,
                    stats.partitions(),
                    store.diskBytes());
            System.out.printf(
                    "fetch 100 series x 1 day at 10 s: p50 %.1f ms, p95 %.1f ms%n",
                    renderNanos[10] / 1e6, renderNanos[18] / 1e6);
        } finally {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    static String name(int i) {
        int kind = i % 4;
        int osd = i / 4;
        return switch (kind) {
            case 0 -> "ceph.cluster.fsid.osd." + osd + ".op_w";
            case 1 -> "ceph.cluster.fsid.osd." + osd + ".apply_latency_ms";
            case 2 -> "servers.node" + (osd / 10) + ".cpu.total.user" + (osd % 10);
            default -> "servers.node" + (osd / 10) + ".diskspace.osd" + (osd % 10) + ".byte_used";
        };
    }

    public static double value(int i, double[] state, Random random) {
        return switch (i % 4) {
            case 0 -> state[i] += random.nextInt(200);
            case 1 -> random.nextInt(40);
            case 2 -> Math.round((20 + random.nextGaussian() * 5) * 100) / 100.0;
            default -> state[i] += random.nextInt(3) == 0 ? 4096 * random.nextInt(64) : 0;
        };
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
