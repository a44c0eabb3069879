package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.metrics.FakePointSink.Point;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pickle listener end to end over loopback, with frames pickled by real Python. */
@Timeout(120)
class PickleListenerTest {
    private final FakePointSink sink = new FakePointSink();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CarbonListeners listeners = new CarbonListeners(
            ServerConfig.defaults(Path.of("unused"), 0)
                    .withCarbon(new CarbonConfig(OptionalInt.empty(), OptionalInt.of(0), 100, 4096, Duration.ZERO)),
            sink,
            registry,
            Clock.fixed(PlaintextListenerTest.NOW, ZoneOffset.UTC));

    PickleListenerTest() {
        listeners.start();
    }

    @AfterEach
    void tearDown() {
        listeners.close();
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4, 5})
    void framesPickledByPython(int protocol) throws IOException {
        try (CarbonClient client = new CarbonClient(port())) {
            client.sendFrame(resource("carbon-protocol" + protocol + ".pickle"));

            await().until(() -> sink.pointCount() == 7);
        }
        assertThat(sink.points())
                .containsExactly(
                        new Point("servers.node1.cpu.total.user", 1700000000, 12.5),
                        new Point("ceph.cluster.f00d.osd.0.op_r", 1700000010, 4711),
                        new Point("bytes.path", 1700000020, -0.5),
                        new Point("big.int", 1700000030, Math.pow(2, 70)),
                        new Point("now", PlaintextListenerTest.NOW.getEpochSecond(), 1000),
                        new Point("text.value", 1700000050, 7.25),
                        new Point("unicode.\u00e9t\u00e9", 1700000060, 1));
        assertThat(invalid("nan")).isEqualTo(1);
        assertThat(invalid("element")).isEqualTo(1);
        assertThat(invalid("number")).isEqualTo(1);
    }

    @Test
    void aMaliciousFrameIsDroppedAndTheConnectionKept() throws IOException {
        try (CarbonClient client = new CarbonClient(port())) {
            client.sendFrame(resource("malicious-reduce.pickle"));
            client.sendFrame(resource("carbon-protocol4.pickle"));

            await().until(() -> sink.pointCount() == 7);
        }
        assertThat(invalid("frame")).isEqualTo(1);
    }

    @Test
    void aFrameOverTheLimitClosesTheConnection() throws IOException {
        try (CarbonClient client = new CarbonClient(port())) {
            client.sendFrame(resource("carbon-protocol2.pickle"));
            client.send(ByteBuffer.allocate(4).putInt(4097).array());

            assertThat(client.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(invalid("frame_too_long")).isEqualTo(1));
        assertThat(sink.pointCount()).isEqualTo(7);
    }

    @Test
    void framesSplitAcrossManyWritesAreJoined() throws IOException {
        byte[] body = resource("carbon-protocol4.pickle");
        byte[] framed = ByteBuffer.allocate(4 + body.length)
                .putInt(body.length)
                .put(body)
                .array();
        try (CarbonClient client = new CarbonClient(port())) {
            for (byte b : framed) {
                client.send(new byte[] {b});
            }
            await().until(() -> sink.pointCount() == 7);
        }
    }

    private int port() {
        return listeners.picklePort().orElseThrow();
    }

    private double invalid(String reason) {
        return registry.get("calamari.carbon.invalid.lines")
                .tag("protocol", "pickle")
                .tag("reason", reason)
                .counter()
                .count();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = PickleListenerTest.class.getResourceAsStream("/graphite/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
