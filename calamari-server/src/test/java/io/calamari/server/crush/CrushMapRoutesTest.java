package io.calamari.server.crush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.parse.Fixtures;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.CompiledCrushMap;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.error.CalamariException;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CRUSH map as text, decompiled by the real crushtool from the recorded compiled map. */
class CrushMapRoutesTest {
    @Test
    void theCompiledMapIsServedAsCephsTextForm() throws Exception {
        ClusterSnapshot degraded = FixtureSnapshots.degraded();
        try (TestServer server = TestServer.start(new FakeClusterDirectory(degraded))) {
            ApiClient reader = server.userWithRole("reader", "readonly");
            ApiResponse response = reader.get("/api/v2/cluster/" + degraded.fsid() + "/crush_map");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().isString())
                    .as("a JSON string, as in Calamari")
                    .isTrue();
            assertThat(response.json().asString())
                    .isEqualTo(Fixtures.text(Fixtures.DEGRADED, "crushmap.txt"))
                    .contains("# begin crush map", "root extra", "host node0");
        }
    }

    @Test
    void aMapNotFetchedYetIs503() throws Exception {
        ClusterSnapshot healthy = FixtureSnapshots.healthy();
        try (TestServer server = TestServer.start(new FakeClusterDirectory(healthy))) {
            ApiResponse response = server.admin().get("/api/v2/cluster/" + healthy.fsid() + "/crush_map");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("detail").asString()).contains("not been fetched");
        }
    }

    @Test
    void withoutCrushtoolTheAnswerSaysWhatToInstall() {
        CrushTool missing = new CrushTool(Optional.empty(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> missing.decompile(new CompiledCrushMap(new byte[] {1, 2, 3})))
                .isInstanceOf(CalamariException.class)
                .hasMessageContaining("ceph-base");
    }

    @Test
    void aCorruptMapIsAClearErrorNotACrash() {
        assertThatThrownBy(() -> CrushTool.onPath().decompile(new CompiledCrushMap(new byte[] {1, 2, 3})))
                .isInstanceOf(CalamariException.class)
                .hasMessageContaining("could not decompile");
    }
}
