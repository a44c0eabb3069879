package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** v1 health counters and space over the recorded degraded Pacific cluster. */
class ClusterSummaryRoutesTest {
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
    private TestServer server;
    private ApiClient reader;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(degraded));
        reader = server.userWithRole("reader", "readonly");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthCountersClassifyTheDegradedCluster() {
        JsonNode counters = reader.get("/api/v1/cluster/" + degraded.fsid() + "/health_counters")
                .json();

        JsonNode pg = counters.get("pg");
        assertThat(pg.get("ok").get("count").asLong()).isEqualTo(13);
        assertThat(pg.get("ok").get("states").get("active").asLong()).isEqualTo(13);
        assertThat(pg.get("warn").get("count").asLong())
                .as("active+clean+remapped, active+undersized")
                .isEqualTo(6);
        assertThat(pg.get("warn").get("states").get("remapped").asLong()).isEqualTo(4);
        assertThat(pg.get("warn").get("states").get("undersized").asLong()).isEqualTo(2);
        assertThat(pg.get("critical").get("count").asLong()).isEqualTo(4);
        assertThat(pg.get("critical").get("states").get("unknown").asLong())
                .as("a state outside every set is critical")
                .isEqualTo(4);

        JsonNode osd = counters.get("osd");
        assertThat(osd.get("ok").get("count").asLong()).isEqualTo(2);
        assertThat(osd.get("ok").get("states").get("up/in").asLong()).isEqualTo(2);
        assertThat(osd.get("warn").get("count").asLong()).isEqualTo(1);
        assertThat(osd.get("warn").get("states").get("up/out").asLong()).isEqualTo(1);
        assertThat(osd.get("critical").get("count").asLong()).isZero();
        assertThat(osd.get("critical").get("states")).isEmpty();

        JsonNode mon = counters.get("mon");
        assertThat(mon.get("ok").get("count").asLong()).isEqualTo(1);
        assertThat(mon.get("ok").get("states").get("in").asLong()).isEqualTo(1);
        assertThat(mon.get("warn").get("count").asLong()).isZero();
        assertThat(mon.get("critical").get("count").asLong()).isZero();

        JsonNode mds = counters.get("mds");
        assertThat(mds.get("total").asLong()).as("cephfs has no MDS daemon").isZero();
        assertThat(mds.get("up_in").asLong()).isZero();
        assertThat(mds.get("up_not_in").asLong()).isZero();
        assertThat(mds.get("not_up_not_in").asLong()).isZero();

        assertThat(counters.get("cluster_update_time_unix").asLong())
                .isEqualTo(FixtureSnapshots.FETCHED.toEpochMilli());
        assertThat(counters.get("cluster_update_time").asString()).startsWith("2026-01-01T00:00:00");
    }

    @Test
    void spaceComesFromDf() {
        JsonNode space = reader.get("/api/v1/cluster/" + degraded.fsid() + "/space")
                .json()
                .get("space");
        assertThat(space.get("used_bytes").asLong()).isEqualTo(316339L);
        assertThat(space.get("capacity_bytes").asLong()).isEqualTo(536870912L);
        assertThat(space.get("free_bytes").asLong()).isEqualTo(536554573L);
        assertThat(reader.get("/api/v1/cluster/no-such-fsid/space").status()).isEqualTo(404);
    }
}
