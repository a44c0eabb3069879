package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Real senders into a running server: Debian's collectd with its {@code write_graphite} plugin
 * (plaintext), and Python's own pickle module (the pickle protocol carbon documents), then the
 * series through {@code /metrics/find} and {@code /render}.
 */
class GraphiteSendersIT {
    static TestServer server;
    static ApiClient admin;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithCarbonOnRealClock();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void collectdsWriteGraphitePluginFeedsTheServer() throws Exception {
        Path config = directory.resolve("collectd.conf");
        Files.writeString(
                config, """
                Hostname "calamari-it"
                FQDNLookup false
                BaseDir "%1$s"
                PIDFile "%1$s/collectd.pid"
                PluginDir "/usr/lib/collectd"
                TypesDB "/usr/share/collectd/types.db"
                Interval 1
                LoadPlugin load
                LoadPlugin memory
                LoadPlugin write_graphite
                <Plugin write_graphite>
                  <Node "calamari">
                    Host "127.0.0.1"
                    Port "%2$d"
                    Protocol "tcp"
                    Prefix "collectd."
                    StoreRates true
                    AlwaysAppendDS false
                    EscapeCharacter "_"
                  </Node>
                </Plugin>
                """.formatted(directory, server.server().carbonPort().orElseThrow()), StandardCharsets.UTF_8);
        Process collectd = new ProcessBuilder("collectd", "-f", "-C", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("collectd.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode found = admin.get("/metrics/find?query=collectd.calamari-it.load.load.*")
                        .json();
                assertThat(found)
                        .extracting(node -> node.get("text").asString())
                        .contains("shortterm");
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode rendered = admin.get("/render?format=json&from=-2min&noNullPoints"
                                + "&target=collectd.calamari-it.memory.memory-used")
                        .json();
                assertThat(rendered).hasSize(1);
                assertThat(rendered.get(0).get("datapoints").size()).isGreaterThanOrEqualTo(2);
                assertThat(rendered.get(0).get("datapoints").get(0).get(0).asDouble())
                        .isPositive();
            });
        } finally {
            collectd.destroy();
            if (!collectd.waitFor(10, TimeUnit.SECONDS)) {
                collectd.destroyForcibly();
            }
        }
    }

    @Test
    void pythonsPickleModuleFeedsThePickleListener() throws Exception {
        String script = """
                import pickle, socket, struct, time
                now = int(time.time())
                points = [("pickled.sender.%%s" %% name, (now - age, value))
                          for name in ("a", "b") for age, value in ((20, 1.5), (10, 2.5))]
                for protocol in (2, 4):
                    payload = pickle.dumps(points, protocol=protocol)
                    with socket.create_connection(("127.0.0.1", %d)) as connection:
                        connection.sendall(struct.pack("!L", len(payload)) + payload)
                """.formatted(server.server().carbonPicklePort().orElseThrow());
        Process python = new ProcessBuilder("python3", "-c", script)
                .redirectErrorStream(true)
                .start();
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output(python)).isZero();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode found = admin.get("/metrics/find?query=pickled.sender.*").json();
            assertThat(found)
                    .extracting(node -> node.get("id").asString())
                    .containsExactly("pickled.sender.a", "pickled.sender.b");
            JsonNode rendered = admin.get(
                            "/render?format=json&from=-1min&noNullPoints" + "&target=sumSeries(pickled.sender.*)")
                    .json();
            assertThat(rendered.get(0).get("datapoints"))
                    .extracting(point -> point.get(0).asDouble())
                    .containsExactly(3.0, 5.0);
        });
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
