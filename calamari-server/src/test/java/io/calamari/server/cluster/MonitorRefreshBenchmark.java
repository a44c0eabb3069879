package io.calamari.server.cluster;

import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.simulator.Scenarios;
import io.calamari.simulator.SimulatedCluster;
import io.calamari.simulator.SimulatedRadosClient;
import io.calamari.simulator.SimulatorSpec;
import io.calamari.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times the cluster monitor's rounds against a simulated cluster, in process: the first full round,
 * the rounds after an OSD-map-only change (a flag) and after an OSD failure or restart (OSD map and
 * PG states), each followed by the next round (which fetches the PGs the first one left to it), each
 * split into the time the simulated cluster took to answer each command and the
 * rest (parsing, indexing, publishing). Prints Markdown tables. Run it with {@code
 * bench/monitor-refresh.sh [hosts osdsPerHost pools placementGroups]}.
 */
public final class MonitorRefreshBenchmark {
    private static final int ROUNDS = 5;

    private MonitorRefreshBenchmark() {}

    public static void main(String[] arguments) {
        int hosts = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1000;
        int osdsPerHost = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 10;
        int pools = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 8;
        int placementGroups = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 1_000_000;
        SimulatorSpec spec =
                new SimulatorSpec(Math.max(1, hosts / 25), hosts, osdsPerHost, pools, placementGroups, 5, 1);
        SimulatedCluster cluster = SimulatedCluster.build(spec);
        MutableClock clock = MutableClock.atFixedStart();
        SimulatedRadosClient simulated = new SimulatedRadosClient(cluster);
        RecordingRadosClient client = new RecordingRadosClient(simulated);
        ClusterMonitor monitor = new ClusterMonitor(
                "ceph",
                ClusterConnection.admin(Path.of("ceph.conf")),
                Optional.empty(),
                connection -> client,
                clock,
                MonitorSettings.defaults(),
                (previous, next) -> {});
        System.out.printf(
                "Simulated cluster: %d hosts, %d OSDs, %d pools, %d PGs%n%n",
                hosts, spec.osds(), pools, placementGroups);
        System.out.printf("| Round | Total | Cluster answering | Server (parse, index, publish) | Commands |%n");
        System.out.printf("|---|---|---|---|---|%n");
        round("first (everything)", monitor, client);
        for (int round = 0; round < ROUNDS; round++) {
            clock.advance(Duration.ofSeconds(10));
            String flag = round % 2 == 0 ? "osd set" : "osd unset";
            simulated.monCommand(Map.of("prefix", flag, "key", "noout"), Duration.ofSeconds(10));
            round("OSD map change (" + flag + " noout)", monitor, client);
            clock.advance(Duration.ofSeconds(1));
            round("the round after it", monitor, client);
        }
        for (int round = 0; round < ROUNDS; round++) {
            clock.advance(Duration.ofSeconds(10));
            String scenario = round % 2 == 0 ? "fail-osd" : "revive-osd";
            Scenarios.run(cluster, scenario, List.of(String.valueOf(round / 2)));
            round(scenario + " (OSD map + PG states)", monitor, client);
            clock.advance(Duration.ofSeconds(1));
            round("the round after it", monitor, client);
        }
        for (int round = 0; round < ROUNDS; round++) {
            clock.advance(Duration.ofSeconds(10));
            round("nothing changed", monitor, client);
        }
    }

    private static void round(String name, ClusterMonitor monitor, RecordingRadosClient client) {
        client.clear();
        long start = System.nanoTime();
        monitor.poll();
        long total = System.nanoTime() - start;
        long answering = client.nanosByPrefix().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        StringBuilder commands = new StringBuilder();
        client.nanosByPrefix()
                .forEach((prefix, nanos) -> commands.append(prefix)
                        .append(' ')
                        .append(nanos / 1_000_000)
                        .append(" ms; "));
        System.out.printf(
                "| %s | %d ms | %d ms | %d ms | %s |%n",
                name, total / 1_000_000, answering / 1_000_000, (total - answering) / 1_000_000, commands);
    }
}
