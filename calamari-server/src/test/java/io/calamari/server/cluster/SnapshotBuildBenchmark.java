package io.calamari.server.cluster;

import io.calamari.ceph.parse.Fixtures;
import java.util.Arrays;

/**
 * Times building a whole snapshot (parsing every recorded command's JSON, reducing the PG dump,
 * deriving the indexes) from the recorded clusters. Run by {@code bench/snapshot-build.sh}; prints
 * a table. Not a test: speed is measured, not asserted.
 */
public final class SnapshotBuildBenchmark {
    private SnapshotBuildBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf("%-28s %10s %10s %10s%n", "recorded cluster", "median µs", "p99 µs", "rounds");
        for (String cluster : new String[] {Fixtures.HEALTHY, Fixtures.DEGRADED}) {
            for (int warmUp = 0; warmUp < rounds; warmUp++) {
                FixtureSnapshots.of(cluster);
            }
            long[] micros = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                FixtureSnapshots.of(cluster);
                micros[round] = (System.nanoTime() - started) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("%-28s %10d %10d %10d%n", cluster, micros[rounds / 2], micros[rounds * 99 / 100], rounds);
        }
    }
}
