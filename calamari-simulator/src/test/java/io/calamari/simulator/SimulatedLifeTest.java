package io.calamari.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The simulated cluster on a moving clock: client IO, growth, scrubs, and the scenarios playing out. */
class SimulatedLifeTest {
    /** 10 hosts of 4 OSDs, 3 pools, 512 PGs, 3 mons. */
    private final LivingCluster living = new LivingCluster(SimulatedClusterTest.FORTY_OSDS);

    private static long pgmap(JsonNode status, String field) {
        JsonNode value = status.get("pgmap").get(field);
        return value == null ? 0 : value.asLong();
    }

    private JsonNode pool(String name) {
        for (JsonNode pool : living.mon("df", "detail", "detail").get("pools")) {
            if (pool.get("name").asString().equals(name)) {
                return pool.get("stats");
            }
        }
        throw new AssertionError("no pool " + name);
    }

    @Test
    void a_cluster_on_a_fixed_clock_stands_still_and_shows_no_io() {
        SimulatedRadosClient client = new SimulatedRadosClient(SimulatedCluster.build(SimulatedClusterTest.FORTY_OSDS));
        String status = client.monCommand(java.util.Map.of("prefix", "status"), LivingCluster.TIMEOUT)
                .outputText();
        assertThat(status).doesNotContain("read_bytes_sec", "write_op_per_sec");
        JsonNode idle = living.mon("osd pool stats");
        assertThat(idle).hasSize(3);
        assertThat(idle.get(1).get("client_io_rate").isEmpty()).isTrue();
        assertThat(idle.get(1).get("recovery").isEmpty()).isTrue();
        assertThat(idle.get(1).get("recovery_rate").isEmpty()).isTrue();
    }

    @Test
    void clients_read_and_write_at_rates_that_move_and_the_pools_grow() {
        JsonNode volumesBefore = pool("volumes");
        living.advance(1);
        JsonNode first = living.status();
        assertThat(pgmap(first, "read_bytes_sec")).isPositive();
        assertThat(pgmap(first, "write_bytes_sec")).isPositive();
        // 40 OSDs: about 30 reads and 20 writes per OSD and second.
        assertThat(pgmap(first, "read_op_per_sec")).isBetween(300L, 3000L);
        assertThat(pgmap(first, "write_op_per_sec")).isBetween(200L, 2000L);
        List<Long> writes = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            living.advance(60);
            writes.add(pgmap(living.status(), "write_bytes_sec"));
        }
        assertThat(new HashSet<>(writes)).hasSizeGreaterThan(5);

        JsonNode volumes = pool("volumes");
        assertThat(volumes.get("wr").asLong())
                .isGreaterThan(volumesBefore.get("wr").asLong());
        assertThat(volumes.get("rd_bytes").asLong())
                .isGreaterThan(volumesBefore.get("rd_bytes").asLong());
        assertThat(volumes.get("stored").asLong())
                .isGreaterThan(volumesBefore.get("stored").asLong());
        assertThat(volumes.get("objects").asLong())
                .isGreaterThan(volumesBefore.get("objects").asLong());
        // The pool grows by a fifth of what is written.
        long written =
                volumes.get("wr_bytes").asLong() - volumesBefore.get("wr_bytes").asLong();
        long grown =
                volumes.get("stored").asLong() - volumesBefore.get("stored").asLong();
        assertThat((double) grown / written).isBetween(0.19, 0.21);
        JsonNode stats = living.mon("osd pool stats", "pool_name", "volumes");
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).get("client_io_rate").propertyNames())
                .containsExactly("read_bytes_sec", "write_bytes_sec", "read_op_per_sec", "write_op_per_sec");
    }

    @Test
    void scrubs_come_and_go_one_per_osd_at_most() {
        Set<String> scrubbed = new HashSet<>();
        boolean deep = false;
        for (int second = 0; second < 300; second++) {
            living.advance(1);
            Set<Integer> busy = new HashSet<>();
            for (JsonNode pg : living.placementGroups()) {
                String state = pg.get("state").asString();
                if (state.contains("scrubbing")) {
                    assertThat(state).startsWith("active+clean+scrubbing");
                    deep |= state.endsWith("+deep");
                    scrubbed.add(pg.get("pgid").asString());
                    pg.get("acting")
                            .forEach(osd -> assertThat(busy.add(osd.asInt()))
                                    .as("osd.%s scrubs two PGs at once", osd)
                                    .isTrue());
                }
            }
        }
        assertThat(scrubbed).hasSizeGreaterThan(10);
        assertThat(deep).isTrue();
    }

    @Test
    void osd_deep_scrub_scrubs_every_pg_the_osd_is_primary_for() {
        List<String> primaryOf3 = living.placementGroups().stream()
                .filter(pg -> pg.get("acting_primary").asInt() == 3)
                .map(pg -> pg.get("pgid").asString())
                .toList();
        living.client
                .mgrCommand(java.util.Map.of("prefix", "osd deep-scrub", "who", "3"), LivingCluster.TIMEOUT)
                .requireSuccess();
        assertThat(living.cluster.scrubs().requestedCount()).isEqualTo(primaryOf3.size());
        Set<String> deepScrubbed = new HashSet<>();
        for (int second = 0; second < 3600 && !deepScrubbed.containsAll(primaryOf3); second++) {
            living.advance(1);
            living.placementGroups().stream()
                    .filter(pg -> pg.get("state").asString().equals("active+clean+scrubbing+deep"))
                    .forEach(pg -> deepScrubbed.add(pg.get("pgid").asString()));
        }
        assertThat(deepScrubbed).containsAll(primaryOf3);
        assertThat(living.cluster.scrubs().requestedCount()).isZero();
    }

    @Test
    void a_dead_osd_is_marked_out_after_the_interval_and_its_pgs_backfill_elsewhere() {
        int epoch = living.cluster.osdMapEpoch();
        assertThat(living.run("fail-osd", "osd.5"))
                .isEqualTo("osd.5 stopped; OSD map epoch " + (epoch + 1) + "; out after 600 s unless started again");
        assertThat(living.states()).containsKey("active+undersized+degraded");
        assertThat(living.health().get("checks").propertyNames()).contains("OSD_DOWN", "PG_DEGRADED");
        assertThat(living.health()
                        .get("checks")
                        .get("PG_DEGRADED")
                        .get("summary")
                        .get("message")
                        .asString())
                .matches("Degraded data redundancy: \\d+/\\d+ objects degraded \\(\\d+\\.\\d{3}%\\), \\d+ pgs degraded,"
                        + " \\d+ pgs undersized");

        living.advance(599);
        assertThat(osd(5).get("in").asInt()).isEqualTo(1);
        living.advance(1);
        JsonNode out = osd(5);
        assertThat(out.get("in").asInt()).isZero();
        assertThat(out.get("state").toString()).contains("autoout");
        assertThat(living.cluster.osdMapEpoch()).isGreaterThan(epoch + 1);
        assertThat(living.states().keySet())
                .anyMatch(state -> state.contains("remapped+backfill"))
                .anyMatch(state -> state.startsWith("active+undersized+degraded+remapped"));
        JsonNode remapped = living.placementGroups().stream()
                .filter(pg -> pg.get("state").asString().contains("remapped"))
                .findFirst()
                .orElseThrow();
        assertThat(remapped.get("up")).hasSize(3);
        assertThat(remapped.get("acting")).hasSize(2);
        JsonNode temporary = living.mon("osd dump").get("pg_temp").get(0);
        assertThat(temporary.get("pgid").asString()).isNotEmpty();
        assertThat(temporary.get("osds")).hasSize(2);

        int outEpoch = living.cluster.osdMapEpoch();
        int seconds = living.advanceUntil(5, 3600, LivingCluster::clean);
        assertThat(seconds).isPositive();
        living.advance(5);
        assertThat(living.cluster.osdMapEpoch())
                .as("pg_temp published and cleared")
                .isGreaterThan(outEpoch + 1);
        for (JsonNode pg : living.placementGroups()) {
            assertThat(pg.get("up")).isEqualTo(pg.get("acting"));
            pg.get("up").forEach(osd -> assertThat(osd.asInt()).isNotEqualTo(5));
            assertThat(pg.get("up")).hasSize(3);
        }
        assertThat(living.mon("osd dump").get("pg_temp")).isEmpty();
        // Down but out: no longer counted as down, the cluster is healthy again.
        assertThat(living.health().get("checks").isEmpty()).isTrue();
        assertThat(living.mon("log last", "num", 3).toString()).contains("Cluster is now healthy");
    }

    /** Each PG's id, up and acting sets. */
    private static List<String> sets(List<JsonNode> placementGroups) {
        return placementGroups.stream()
                .map(pg -> pg.get("pgid").asString() + " " + pg.get("up") + " " + pg.get("acting"))
                .toList();
    }

    private JsonNode osd(int id) {
        return living.mon("osd dump").get("osds").get(id);
    }

    @Test
    void an_osd_back_before_it_is_out_recovers_its_pgs() {
        living.run("fail-osd", "5", "out-after", "60");
        living.advance(30);
        assertThat(living.run("revive-osd", "5")).startsWith("osd.5 started; OSD map epoch ");
        living.advance(1);
        assertThat(living.states().keySet())
                .anyMatch(state ->
                        state.equals("active+recovery_wait+degraded") || state.equals("active+recovering+degraded"));
        living.advanceUntil(1, 600, LivingCluster::clean);
        assertThat(osd(5).get("in").asInt()).isEqualTo(1);
        living.advance(120);
        assertThat(osd(5).get("in").asInt()).as("not marked out once up").isEqualTo(1);
    }

    @Test
    void an_osd_back_while_its_pgs_backfill_elsewhere_takes_them_back_and_recovers_them() {
        living.run("fail-osd", "5", "out-after", "1");
        living.advance(2);
        assertThat(osd(5).get("in").asInt()).isZero();
        living.run("revive-osd", "5");
        assertThat(osd(5).get("in").asInt()).isEqualTo(1);
        living.advance(1);
        assertThat(living.states().keySet())
                .anyMatch(state ->
                        state.equals("active+recovery_wait+degraded") || state.equals("active+recovering+degraded"));
        living.advanceUntil(1, 3600, LivingCluster::clean);
    }

    @Test
    void the_manager_pool_fills_too_though_clients_do_not_use_it() {
        living.run("fill-pool", "device_health_metrics");
        living.advance(150);
        assertThat(living.health().get("checks").propertyNames()).contains("OSD_FULL", "POOL_FULL");
    }

    @Test
    void osd_out_and_in_move_pgs_away_and_back_with_backfills() {
        List<String> before = sets(living.placementGroups());
        living.mon("osd out", "ids", List.of("7"));
        living.advance(1);
        JsonNode status = living.status();
        assertThat(living.states()).containsKey("active+remapped+backfill_wait");
        assertThat(pgmap(status, "misplaced_objects")).isPositive();
        assertThat(status.get("pgmap").has("degraded_objects")).isFalse();
        assertThat(status.get("osdmap").get("num_remapped_pgs").asInt()).isPositive();
        living.advanceUntil(1, 3600, LivingCluster::clean);
        assertThat(living.placementGroups())
                .noneMatch(pg -> pg.get("acting").toString().matches(".*\\b7\\b.*"));

        living.mon("osd in", "ids", List.of("7"));
        living.advance(1);
        assertThat(living.states().keySet()).anyMatch(state -> state.contains("backfill"));
        living.advanceUntil(1, 3600, LivingCluster::clean);
        assertThat(sets(living.placementGroups())).isEqualTo(before);
    }

    @Test
    void a_failed_host_heals_elsewhere_then_comes_back() {
        assertThat(living.run("fail-host", "node2", "out-after", "60"))
                .startsWith("node2: 4 OSDs stopped; OSD map epoch ");
        assertThat(living.health().get("checks").propertyNames()).contains("OSD_HOST_DOWN");
        living.advance(61);
        for (int id = 8; id < 12; id++) {
            assertThat(osd(id).get("in").asInt()).isZero();
        }
        int seconds = living.advanceUntil(5, 3600, LivingCluster::clean);
        assertThat(seconds).isBetween(10, 1800);

        assertThat(living.run("revive-host", "node2")).startsWith("node2: 4 OSDs started");
        assertThat(osd(8).get("in").asInt()).as("marked in again when it boots").isEqualTo(1);
        living.advance(1);
        assertThat(living.states().keySet()).anyMatch(state -> state.contains("backfill"));
        living.advanceUntil(5, 3600, LivingCluster::clean);
        assertThat(living.health().get("checks").isEmpty()).isTrue();
    }

    @Test
    void a_mon_leaves_and_rejoins_the_quorum() {
        int election = living.mon("quorum_status").get("election_epoch").asInt();
        assertThat(living.run("mon-down", "b"))
                .isEqualTo("mon.b left the quorum, now a,c; election epoch " + (election + 2));
        JsonNode quorum = living.mon("quorum_status");
        assertThat(quorum.get("quorum").toString()).isEqualTo("[0,2]");
        assertThat(quorum.get("quorum_names").toString()).isEqualTo("[\"a\",\"c\"]");
        assertThat(quorum.get("monmap").get("mons")).hasSize(3);
        JsonNode check = living.health().get("checks").get("MON_DOWN");
        assertThat(check.get("summary").get("message").asString()).isEqualTo("1/3 mons down, quorum a,c");
        assertThat(check.get("detail").get(0).get("message").asString())
                .matches("mon\\.b \\(rank 1\\) addr \\[v2:10\\.0\\.0\\.\\d+:3300/0,v1:10\\.0\\.0\\.\\d+:6789/0\\]"
                        + " is down \\(out of quorum\\)");
        assertThat(living.status().get("quorum_age").asLong()).isZero();

        assertThatThrownBy(() -> living.run("mon-down", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mon.a cannot leave: 1 of 3 mons would remain, not a majority, and the cluster would stop"
                        + " answering");
        living.advance(10);
        assertThat(living.run("mon-up", "mon.b"))
                .isEqualTo("mon.b joined the quorum, now a,b,c; election epoch " + (election + 4));
        assertThat(living.health().get("checks").has("MON_DOWN")).isFalse();
    }

    @Test
    void a_filling_pool_goes_nearfull_then_full_and_stops_growing() {
        String message = living.run("fill-pool", "volumes");
        assertThat(message)
                .matches("pool 'volumes' fills at [\\d.]+ [GT]iB/s: nearfull in about \\d+ s, full in about 120 s");
        List<String> firstSeen = new ArrayList<>();
        for (int second = 0; second < 150; second++) {
            living.advance(1);
            living.health().get("checks").propertyNames().forEach(code -> {
                if (!firstSeen.contains(code)) {
                    firstSeen.add(code);
                }
            });
        }
        assertThat(firstSeen)
                .containsSubsequence("OSD_NEARFULL", "OSD_BACKFILLFULL", "OSD_FULL")
                .containsSubsequence("POOL_NEARFULL", "POOL_BACKFILLFULL", "POOL_FULL");
        JsonNode health = living.health();
        assertThat(health.get("status").asString()).isEqualTo("HEALTH_ERR");
        assertThat(health.get("checks").get("POOL_FULL").get("detail").toString())
                .contains("pool 'volumes' is full (no space)");
        long stored = pool("volumes").get("stored").asLong();
        living.advance(30);
        assertThat(pool("volumes").get("stored").asLong()).isEqualTo(stored);
        assertThat(living.mon("osd pool stats", "pool_name", "volumes")
                        .get(0)
                        .get("client_io_rate")
                        .has("write_op_per_sec"))
                .isTrue();

        assertThat(living.run("calm-pool", "volumes"))
                .matches("pool 'volumes' stopped filling; [\\d.]+ [GT]iB it wrote deleted");
        living.advance(1);
        assertThat(living.health().get("checks").isEmpty()).isTrue();
    }

    @Test
    void scenarios_refuse_bad_arguments_with_reasons() {
        assertThatThrownBy(() -> living.run("fail-osd", "3", "out-after", "soon"))
                .hasMessage("out-after takes a number of seconds, 0 or more; got 'soon'");
        assertThatThrownBy(() -> living.run("mon-down", "z")).hasMessage("no mon 'z': the cluster has mon.a to mon.c");
        assertThatThrownBy(() -> living.run("fill-pool", "nope"))
                .hasMessage("no pool 'nope': the cluster has device_health_metrics, rbd, volumes");
        assertThatThrownBy(() -> living.run("fail-host")).hasMessage("usage: fail-host HOST [out-after SECONDS]");
    }

    @Test
    void the_same_clock_readings_and_scenarios_give_the_same_bytes() {
        LivingCluster other = new LivingCluster(SimulatedClusterTest.FORTY_OSDS);
        for (LivingCluster each : List.of(living, other)) {
            each.advance(7);
            each.run("fail-host", "node3", "out-after", "30");
            each.advance(45);
            each.run("fill-pool", "rbd");
            each.advance(13);
        }
        for (String command : List.of("pg dump", "status", "health", "osd dump", "df", "osd pool stats", "log last")) {
            assertThat(other.raw(command)).as(command).isEqualTo(living.raw(command));
        }
        other.advance(1);
        assertThat(other.raw("status")).isNotEqualTo(living.raw("status"));
    }

    @Test
    void a_long_pause_is_caught_up_in_bounded_steps() {
        living.run("fail-osd", "1", "out-after=10");
        living.advance(30 * 24 * 3600);
        long started = System.nanoTime();
        assertThat(living.clean()).as("%s", living.states()).isTrue();
        assertThat(living.cluster.second()).isEqualTo(living.clock.instant().getEpochSecond());
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    }
}
