package io.calamari.simulator;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.testkit.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds a simulated cluster (by default 1,000 hosts × 10 OSDs, 8 pools, 1,000,000 PGs) and
 * prints, as a Markdown table, the build time, the heap the cluster holds after a full GC, and the
 * median time and size of each monitoring command's answer, then what the living cluster costs:
 * a step while healthy, a host failure and its backfills, catching up. Run it with {@code bench/simulator.sh
 * [hosts osdsPerHost pools placementGroups]}.
 */
public final class SimulatorBenchmark {
    private static final int RUNS = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private SimulatorBenchmark() {}

    public static void main(String[] arguments) {
        int hosts = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1000;
        int osdsPerHost = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 10;
        int pools = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 8;
        int placementGroups = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 1_000_000;
        SimulatorSpec spec =
                new SimulatorSpec(hosts >= 40 ? hosts / 20 : 0, hosts, osdsPerHost, pools, placementGroups, 5, 1);

        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        SimulatedCluster cluster = SimulatedCluster.build(spec);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = usedHeapAfterGc();

        System.out.printf(
                "Simulated cluster: %d racks, %d hosts, %d OSDs, %d pools, %d PGs, %d mons%n%n",
                spec.racks(), hosts, spec.osds(), pools, placementGroups, spec.mons());
        System.out.printf("| Measure | Value |%n|---|---|%n");
        System.out.printf("| build time | %d ms |%n", buildMillis);
        System.out.printf(
                "| heap held by the cluster (after full GC) | %.1f MiB |%n%n", (heapAfter - heapBefore) / 1048576.0);
        SimulatedRadosClient client = new SimulatedRadosClient(cluster);
        System.out.printf("| Command | Median time (%d runs) | Answer size |%n|---|---|---|%n", RUNS);
        for (Map<String, Object> command : SimulatedClusterTest.monitoringCommands(cluster.osdMapEpoch())) {
            if (command.get("prefix").equals("pg ls")) {
                continue; // 'pg ls active' lists every PG with its whole pg_stat: gigabytes at a million PGs
            }
            long[] nanos = new long[RUNS];
            int size = 0;
            for (int run = 0; run < RUNS; run++) {
                long begin = System.nanoTime();
                CommandResult result = client.monCommand(command, TIMEOUT).requireSuccess();
                nanos[run] = System.nanoTime() - begin;
                size = result.output().length;
            }
            Arrays.sort(nanos);
            System.out.printf("| %s | %.1f ms | %s |%n", describe(command), nanos[RUNS / 2] / 1e6, bytes(size));
        }
        living(spec);
    }

    /**
     * The living cluster: the median cost of a one-second step while healthy, the cost of a host
     * failure marked out at once (its PGs remapped), of a step while they backfill, of catching
     * up an hour, and of {@code status} and {@code health detail} meanwhile.
     */
    private static void living(SimulatorSpec spec) {
        MutableClock clock = new MutableClock(SimulatedCluster.ORIGIN.plus(Duration.ofHours(1)));
        SimulatedCluster cluster = SimulatedCluster.build(spec, clock);
        SimulatedRadosClient client = new SimulatedRadosClient(cluster);
        System.out.printf("%n| Living cluster | Time |%n|---|---|%n");
        System.out.printf("| one-second step, healthy (median of 200) | %.3f ms |%n", medianStep(cluster, clock, 200));
        long begin = System.nanoTime();
        Scenarios.run(cluster, "fail-host", java.util.List.of(SimulatedCluster.hostName(1), "out-after", "0"));
        long failMillis = (System.nanoTime() - begin) / 1_000_000;
        clock.advance(Duration.ofSeconds(1));
        begin = System.nanoTime();
        cluster.advance();
        long outMillis = (System.nanoTime() - begin) / 1_000_000;
        System.out.printf("| fail-host (one host down, PG states updated) | %d ms |%n", failMillis);
        System.out.printf("| the step that marks the host's OSDs out and remaps their PGs | %d ms |%n", outMillis);
        System.out.printf(
                "| one-second step while they backfill (median of 200) | %.3f ms |%n", medianStep(cluster, clock, 200));
        for (Map<String, Object> command : java.util.List.of(
                Map.<String, Object>of("prefix", "status", "format", "json"),
                Map.<String, Object>of("prefix", "health", "detail", "detail", "format", "json"))) {
            begin = System.nanoTime();
            client.monCommand(command, TIMEOUT).requireSuccess();
            System.out.printf(
                    "| %s while they backfill | %.1f ms |%n", describe(command), (System.nanoTime() - begin) / 1e6);
        }
        clock.advance(Duration.ofHours(1));
        begin = System.nanoTime();
        cluster.advance();
        System.out.printf("| catching up an hour (3,600 steps) | %d ms |%n", (System.nanoTime() - begin) / 1_000_000);
        clock.advance(Duration.ofDays(30));
        begin = System.nanoTime();
        cluster.advance();
        System.out.printf(
                "| catching up 30 days (one aggregated step, then 3,600) | %d ms |%n",
                (System.nanoTime() - begin) / 1_000_000);
    }

    private static double medianStep(SimulatedCluster cluster, MutableClock clock, int steps) {
        long[] nanos = new long[steps];
        for (int step = 0; step < steps; step++) {
            clock.advance(Duration.ofSeconds(1));
            long begin = System.nanoTime();
            cluster.advance();
            nanos[step] = System.nanoTime() - begin;
        }
        Arrays.sort(nanos);
        return nanos[steps / 2] / 1e6;
    }

    private static String describe(Map<String, Object> command) {
        Object prefix = command.get("prefix");
        Object dumpContents = command.get("dumpcontents");
        return dumpContents == null ? String.valueOf(prefix) : prefix + " pgs_brief";
    }

    private static String bytes(int size) {
        if (size >= 1 << 20) {
            return String.format("%.1f MiB", size / 1048576.0);
        }
        return size >= 1 << 10 ? String.format("%.1f KiB", size / 1024.0) : size + " B";
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int round = 0; round < 3; round++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
