package io.calamari.server.request;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterRegistry;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.MonitorSettings;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import io.calamari.testkit.CephCluster;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Latency of management requests on a private lab cluster (3 memstore OSDs on 3 hosts): from the
 * POST to the request seen complete through the API, against Ceph's own time for the same change
 * (the mon command's round trip, which includes its Paxos commit; for a pool, also until every PG
 * is active, polled from the manager). Median and maximum of N rounds. Run by
 * {@code bench/requests.sh}; prints a table. Not a test: speed is measured, not asserted.
 */
public final class RequestLatencyBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(1500);

    private final CephCluster ceph;
    private final ApiClient admin;
    private final RadosClient rados;
    private final String cluster;
    private final ClusterRegistry registry;

    private RequestLatencyBenchmark(CephCluster ceph, ApiClient admin, RadosClient rados, ClusterRegistry registry) {
        this.ceph = ceph;
        this.registry = registry;
        this.admin = admin;
        this.rados = rados;
        this.cluster = "/api/v2/cluster/" + ceph.fsid();
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (CephCluster ceph = CephCluster.start(3, 3);
                ClusterRegistry registry = ClusterRegistry.start(
                        List.of(new CephClusterConfig(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin")),
                        RadosConnector::connect,
                        Clock.systemUTC(),
                        MonitorSettings.defaults());
                TestServer server = TestServer.startOnRealClock(
                        registry, Files.createTempDirectory("calamari-bench"), Duration.ofMinutes(5));
                RadosClient rados = RadosConnector.connect(
                        new ClusterConnection(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin", TIMEOUT))) {
            while (registry.cluster(ceph.fsid())
                    .flatMap(ClusterSnapshot::pgSummary)
                    .isEmpty()) {
                Thread.sleep(100);
            }
            new RequestLatencyBenchmark(ceph, server.admin(), rados, registry).run(rounds);
        }
    }

    private void run(int rounds) {
        settle(); // the lab script's own last changes
        System.out.printf(
                "%-34s %12s %12s %12s %12s%n", "operation", "API median", "API max", "Ceph median", "Ceph max");
        measure(
                "flag set (noout)",
                rounds,
                () -> api("PATCH", "/osd_config", "{\"noout\": true}"),
                () -> {
                    api("PATCH", "/osd_config", "{\"noout\": false}");
                    return 0;
                },
                () -> mon(Map.of("prefix", "osd set", "key", "noout")),
                () -> undo(Map.of("prefix", "osd unset", "key", "noout")));
        measure(
                "OSD out (osd.1)",
                rounds,
                () -> api("PATCH", "/osd/1", "{\"in\": false}"),
                () -> {
                    api("PATCH", "/osd/1", "{\"in\": true}");
                    return 0;
                },
                () -> mon(Map.of("prefix", "osd out", "ids", List.of("1"))),
                () -> undo(Map.of("prefix", "osd in", "ids", List.of("1"))));
        int[] round = {0};
        measure(
                "pool create, 32 PGs: commit",
                rounds,
                () -> api(
                        "POST",
                        "/pool",
                        "{\"name\": \"api-" + round[0] + "\", \"pg_num\": 32, \"pg_autoscale_mode\": \"off\"}"),
                () -> deletePool("api-" + round[0]++),
                () -> mon(Map.of(
                        "prefix",
                        "osd pool create",
                        "pool",
                        "direct-" + round[0],
                        "pg_num",
                        32,
                        "autoscale_mode",
                        "off")),
                () -> {
                    long waited = untilActive("direct-" + round[0]);
                    deletePool("direct-" + round[0]);
                    return waited;
                });
    }

    /** Times {@code apiChange} and {@code cephChange} (each undone after) {@code rounds} times. */
    private static void measure(
            String name,
            int rounds,
            LongSupplier apiChange,
            LongSupplier apiUndo,
            LongSupplier cephChange,
            LongSupplier cephUndo) {
        long[] api = new long[rounds];
        long[] ceph = new long[rounds];
        long[] cephTotal = new long[rounds];
        for (int index = 0; index < rounds; index++) {
            // The mon delays a proposal until paxos_propose_interval (1 s) after its last commit:
            // both sides start the same time after the previous change, so both pay the same.
            sleep(QUIET.toMillis());
            api[index] = apiChange.getAsLong();
            apiUndo.getAsLong();
            sleep(QUIET.toMillis());
            ceph[index] = cephChange.getAsLong();
            cephTotal[index] = ceph[index] + cephUndo.getAsLong();
        }
        print(name, api, ceph);
        if (name.startsWith("pool create")) {
            // Ceph's side from the command until every PG is active; the API row above already is that.
            Arrays.sort(cephTotal);
            System.out.printf(
                    "%-34s %12s %12s %9d ms %9d ms%n",
                    "pool create, 32 PGs: all active", "-", "-", cephTotal[rounds / 2], cephTotal[rounds - 1]);
        }
    }

    private static void print(String name, long[] api, long[] ceph) {
        Arrays.sort(api);
        Arrays.sort(ceph);
        System.out.printf(
                "%-34s %9d ms %9d ms %9d ms %9d ms%n",
                name, api[api.length / 2], api[api.length - 1], ceph[ceph.length / 2], ceph[ceph.length - 1]);
    }

    /** Undoes a change behind the server's back and waits until its snapshot shows it; returns the command's time. */
    private long undo(Map<String, Object> command) {
        long millis = mon(command);
        settle();
        return millis;
    }

    /**
     * Waits until the server's snapshot has the cluster's current OSD map, so that a change made
     * behind its back is seen and the next round is not a no-op.
     */
    private void settle() {
        byte[] answer = rados.monCommand(Map.of("prefix", "osd stat", "format", "json"), TIMEOUT)
                .requireSuccess()
                .output();
        long epoch = Json.newMapper().readTree(answer).path("epoch").asLong();
        while (registry.cluster(ceph.fsid())
                .flatMap(ClusterSnapshot::osdMap)
                .filter(part -> part.version() >= epoch)
                .isEmpty()) {
            sleep(20);
        }
    }

    /** Milliseconds from sending the change to seeing its request complete through the API. */
    private long api(String method, String path, String body) {
        long started = System.nanoTime();
        String id = RequestAwait.accepted(admin.send(method, cluster + path, body, "application/json"));
        while (true) {
            JsonNode request = admin.get("/api/v2/request/" + id).json();
            if (request.get("state").asString().equals("complete")) {
                if (request.get("error").asBoolean()) {
                    throw new IllegalStateException("request failed: " + request);
                }
                return (System.nanoTime() - started) / 1_000_000;
            }
            sleep(5);
        }
    }

    /** Milliseconds of one mon command's round trip. */
    private long mon(Map<String, Object> command) {
        long started = System.nanoTime();
        rados.monCommand(command, TIMEOUT).requireSuccess();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Milliseconds until every PG of the pool is active, polling {@code pg ls-by-pool} on the manager. */
    private long untilActive(String pool) {
        long started = System.nanoTime();
        while (true) {
            byte[] answer = rados.mgrCommand(
                            Map.of("prefix", "pg ls-by-pool", "poolstr", pool, "format", "json"), TIMEOUT)
                    .requireSuccess()
                    .output();
            JsonNode pgs = Json.newMapper().readTree(answer).path("pg_stats");
            int active = 0;
            for (JsonNode pg : pgs) {
                active += pg.path("state").asString().contains("active") ? 1 : 0;
            }
            if (pgs.size() == 32 && active == 32) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            sleep(5);
        }
    }

    private long deletePool(String pool) {
        ceph.ceph("osd", "pool", "delete", pool, pool, "--yes-i-really-really-mean-it");
        return 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
