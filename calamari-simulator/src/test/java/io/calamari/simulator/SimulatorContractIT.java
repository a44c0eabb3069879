package io.calamari.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.jna.RadosConnector;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.protocol.Json;
import io.calamari.testkit.CephCluster;
import io.calamari.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract: every monitoring command, sent to the real lab cluster (Ceph 16.2, 1 mon, 3 OSDs on
 * hosts node0..node2) and to a simulator of the same shape, answers with JSON of the same shape:
 * the same keys and JSON types at every path, recursively (see {@link JsonShape}).
 */
@TestMethodOrder(OrderAnnotation.class)
class SimulatorContractIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper MAPPER = Json.newMapper();

    /**
     * Objects whose keys are names rather than fields; their values are compared merged. Pool
     * applications ({@code rbd} on the simulator's pools, {@code mgr_devicehealth} on the lab's),
     * health check codes, erasure-code profiles, device classes, manager services and progress
     * events, and the command list of {@code get_command_descriptions} ({@code cmd000}...).
     */
    private static final Set<String> NAMED_KEYS = Set.of(
            "$.pools[].application_metadata",
            "$.health.checks",
            "$.checks",
            "$.erasure_code_profiles",
            "$.stats_by_class",
            "$.progress_events",
            "$.mgrmap.services",
            "$.servicemap.services");

    /** Commands whose whole answer is keyed by names: the command list ({@code cmd000}...). */
    private static final Set<String> NAMED_TOP_LEVEL = Set.of("get_command_descriptions");

    /**
     * The one place the simulator says less than Ceph: it describes only the commands it answers,
     * whose arguments use fewer of the description attributes ({@code goodchars}, {@code n}...)
     * than Ceph's 584 commands together.
     */
    private static final Set<String> FEWER_KEYS = Set.of("$.*.sig[]");

    /**
     * What Pacific writes only when it is not zero ({@code status}'s {@code pgmap}, {@code osd pool
     * stats}): the idle lab has no client IO and empty pools, the simulator's pools hold data and
     * its clients write once its clock has run. And {@code pg ls}'s {@code pg_stats}, left out when
     * no PG matches: after the management commands the lab's new PGs are still peering for a moment,
     * the simulator's are clean at once.
     */
    private static final Set<String> CONDITIONAL_KEYS = Set.of(
            "pg_stats",
            "read_bytes_sec",
            "write_bytes_sec",
            "read_op_per_sec",
            "write_op_per_sec",
            "recovering_objects_per_sec",
            "recovering_bytes_per_sec",
            "recovering_keys_per_sec",
            "num_objects_recovered",
            "num_bytes_recovered",
            "num_keys_recovered",
            "degraded_objects",
            "degraded_total",
            "degraded_ratio",
            "misplaced_objects",
            "misplaced_total",
            "misplaced_ratio");

    private static CephCluster cluster;
    private static RadosClient lab;
    private static SimulatedRadosClient simulator;
    private static SimulatedCluster simulated;
    /** The simulator's clock: it stands still but for letting a revived OSD's PGs recover. */
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));

    @BeforeAll
    static void connect() {
        cluster = CephCluster.shared();
        lab = RadosConnector.connect(ClusterConnection.admin(cluster.confFile()));
        awaitHealthyLab();
        OsdMap map = CephCommands.osdDump().run(lab, TIMEOUT);
        int placementGroups = map.pools().stream()
                .mapToInt(pool -> pool.placementGroupCount())
                .sum();
        simulated =
                SimulatedCluster.build(new SimulatorSpec(0, 3, 1, map.pools().size(), placementGroups, 1, 1), CLOCK);
        simulator = new SimulatedRadosClient(simulated);
    }

    /** The manager creates its pool and the PGs settle after the cluster starts (or an OSD comes back). */
    private static void awaitHealthyLab() {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    var status = CephCommands.status().run(lab, TIMEOUT);
                    return status.poolCount() > 0
                            && status.health().status().equals("HEALTH_OK")
                            && status.pgsByState().stream()
                                    .allMatch(state -> state.state().equals("active+clean"));
                });
    }

    @AfterAll
    static void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void every_monitoring_command_answers_with_the_shape_of_ceph() {
        assertThat(differences()).isEmpty();
    }

    /** With an OSD down on both sides, the health checks, the degraded PGs and the down OSD's entries match too. */
    @Test
    @Order(3)
    void a_down_osd_answers_with_the_shape_of_ceph() {
        cluster.stopOsd(2);
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        var health = CephCommands.healthDetail().run(lab, TIMEOUT);
                        return health.checks().containsKey("OSD_DOWN")
                                && health.checks().containsKey("PG_DEGRADED");
                    });
            simulated.setOsdUp(2, false);

            assertThat(CephCommands.healthDetail()
                            .run(simulator, TIMEOUT)
                            .checks()
                            .keySet())
                    .isEqualTo(CephCommands.healthDetail()
                            .run(lab, TIMEOUT)
                            .checks()
                            .keySet());
            assertThat(differences()).isEmpty();
        } finally {
            simulated.setOsdUp(2, true);
            // The revived OSD's PGs recover as the simulator's clock runs (and its clients start writing).
            CLOCK.advance(Duration.ofMinutes(30));
            cluster.startOsd(2);
            awaitHealthyLab();
        }
    }

    /**
     * The same management commands on both sides (a pool created, configured and deleted, a flag
     * set and cleared) answer with the same return codes and status lines, and leave answers of the
     * same shape and the same health checks.
     */
    @Test
    @Order(4)
    void management_commands_answer_and_change_the_maps_as_ceph_does() {
        List<Map<String, Object>> changes = List.of(
                Map.of("prefix", "osd pool create", "pool", "contract", "pg_num", 8, "pool_type", "replicated"),
                Map.of("prefix", "osd pool create", "pool", "contract", "pg_num", 8),
                Map.of("prefix", "osd pool application enable", "pool", "contract", "app", "rbd"),
                Map.of("prefix", "osd pool set", "pool", "contract", "var", "compression_mode", "val", "passive"),
                Map.of("prefix", "osd pool set-quota", "pool", "contract", "field", "max_objects", "val", "1000"),
                Map.of("prefix", "osd pool set", "pool", "nope", "var", "size", "val", "2"),
                Map.of("prefix", "osd set", "key", "noout"),
                Map.of("prefix", "osd crush add-bucket", "name", "contract-rack", "type", "rack"),
                Map.of("prefix", "osd crush add-bucket", "name", "contract-rack", "type", "rack"),
                Map.of("prefix", "osd crush rename-bucket", "srcname", "contract-rack", "dstname", "contract-rack2"),
                Map.of("prefix", "osd crush move", "name", "contract-rack2", "args", List.of("root=default")),
                Map.of(
                        "prefix",
                        "osd crush rule create-replicated",
                        "name",
                        "contract-rule",
                        "root",
                        "default",
                        "type",
                        "host",
                        "class",
                        "hdd"),
                Map.of("prefix", "osd crush rule rename", "srcname", "contract-rule", "dstname", "contract-rule2"),
                Map.of("prefix", "osd reweight", "id", 1, "weight", 0.5));
        try {
            for (Map<String, Object> change : changes) {
                CommandResult expected = lab.monCommand(change, TIMEOUT);
                CommandResult actual = simulator.monCommand(change, TIMEOUT);
                assertThat(List.of(actual.returnCode(), actual.status()))
                        .as("%s", change)
                        .isEqualTo(List.of(expected.returnCode(), retriedRename(change, expected.status())));
            }
            // The limit depends on the configuration (the lab's is raised), so only the wording is compared.
            Map<String, Object> tooMany = Map.of("prefix", "osd pool create", "pool", "too-many", "pg_num", 4096);
            for (CommandResult result :
                    List.of(lab.monCommand(tooMany, TIMEOUT), simulator.monCommand(tooMany, TIMEOUT))) {
                assertThat(result.returnCode()).isEqualTo(-34);
                assertThat(result.status())
                        .matches(" pg_num 4096 size \\d+ would mean \\d+ total pgs, which exceeds max \\d+"
                                + " \\(mon_max_pg_per_osd \\d+ \\* num_in_osds 3\\)");
            }
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> CephCommands.status().run(lab, TIMEOUT).pgsByState().stream()
                            .allMatch(state -> state.state().equals("active+clean")));
            assertThat(CephCommands.healthDetail()
                            .run(simulator, TIMEOUT)
                            .checks()
                            .keySet())
                    .isEqualTo(CephCommands.healthDetail()
                            .run(lab, TIMEOUT)
                            .checks()
                            .keySet());
            assertThat(differences()).isEmpty();
        } finally {
            for (Map<String, Object> undo : List.of(
                    Map.<String, Object>of("prefix", "osd unset", "key", "noout"),
                    Map.<String, Object>of("prefix", "osd crush rule rm", "name", "contract-rule2"),
                    Map.<String, Object>of("prefix", "osd crush remove", "name", "contract-rack2"),
                    Map.<String, Object>of("prefix", "osd reweight", "id", 1, "weight", 1.0),
                    Map.<String, Object>of(
                            "prefix",
                            "osd pool delete",
                            "pool",
                            "contract",
                            "pool2",
                            "contract",
                            "yes_i_really_really_mean_it",
                            true))) {
                lab.monCommand(undo, TIMEOUT);
                simulator.monCommand(undo, TIMEOUT);
            }
            awaitHealthyLab();
        }
    }

    private static List<String> differences() {
        int labEpoch = CephCommands.osdDump().run(lab, TIMEOUT).epoch();
        List<Map<String, Object>> labCommands = SimulatedClusterTest.monitoringCommands(labEpoch);
        List<Map<String, Object>> simulatorCommands = SimulatedClusterTest.monitoringCommands(simulated.osdMapEpoch());
        List<String> differences = new ArrayList<>();
        for (int index = 0; index < labCommands.size(); index++) {
            Map<String, Object> command = labCommands.get(index);
            CommandResult expected = lab.monCommand(command, TIMEOUT).requireSuccess();
            CommandResult actual =
                    simulator.monCommand(simulatorCommands.get(index), TIMEOUT).requireSuccess();
            JsonShape expectedShape = JsonShape.of(MAPPER.readTree(expected.output()));
            JsonShape actualShape = JsonShape.of(MAPPER.readTree(actual.output()));
            Set<String> namedKeys = new HashSet<>(NAMED_KEYS);
            if (NAMED_TOP_LEVEL.contains(String.valueOf(command.get("prefix")))) {
                namedKeys.add("$");
            }
            expectedShape
                    .differences(actualShape, namedKeys, FEWER_KEYS, CONDITIONAL_KEYS)
                    .forEach(difference -> differences.add(command.get("prefix") + " " + difference));
        }
        return differences;
    }

    /**
     * A busy monitor may run {@code osd crush rule rename} a second time after proposing the
     * first (it retries commands that arrive during a proposal), and then answers "already
     * renamed" for the rename it made itself; the simulator answers the first run's empty status.
     */
    private static String retriedRename(Map<String, Object> change, String status) {
        return change.get("prefix").equals("osd crush rule rename")
                        && status.equals("already renamed to '" + change.get("dstname") + "'")
                ? ""
                : status;
    }

    @Test
    @Order(2)
    void the_manager_answers_its_own_commands_and_refuses_the_monitors_alike() {
        for (Map<String, Object> command : List.of(
                CephCommands.placementGroups().arguments(),
                CephCommands.configShow("mon.a").arguments())) {
            assertThat(simulator.mgrCommand(command, TIMEOUT).returnCode())
                    .isEqualTo(lab.mgrCommand(command, TIMEOUT).returnCode())
                    .isZero();
        }
        for (Map<String, Object> command : List.of(
                CephCommands.osdDump().arguments(),
                Map.<String, Object>of("prefix", "no such command", "format", "json"))) {
            assertThat(simulator.mgrCommand(command, TIMEOUT)).isEqualTo(lab.mgrCommand(command, TIMEOUT));
        }
        for (Map<String, Object> refused : List.<Map<String, Object>>of(
                Map.of("prefix", "pg ls", "states", List.of("clean", "bogus"), "format", "json"),
                Map.of("prefix", "pg ls", "pool", 99, "format", "json"))) {
            assertThat(simulator.mgrCommand(refused, TIMEOUT)).isEqualTo(lab.mgrCommand(refused, TIMEOUT));
        }
        Map<String, Object> unknown = Map.of("prefix", "no such command", "format", "json");
        assertThat(simulator.monCommand(unknown, TIMEOUT)).isEqualTo(lab.monCommand(unknown, TIMEOUT));
        Map<String, Object> absentDaemon = CephCommands.configShow("mon.zz").arguments();
        assertThat(simulator.mgrCommand(absentDaemon, TIMEOUT)).isEqualTo(lab.mgrCommand(absentDaemon, TIMEOUT));
    }
}
