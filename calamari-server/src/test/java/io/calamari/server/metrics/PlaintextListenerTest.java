package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.metrics.FakePointSink.Point;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plaintext listener end to end over loopback, into a fake store. */
@Timeout(120)
class PlaintextListenerTest {
    static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L, 700_000_000);

    private final FakePointSink sink = new FakePointSink();
    private SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private CarbonListeners listeners = start(CarbonConfig.anyFreePorts());

    @AfterEach
    void tearDown() {
        listeners.close();
    }

    @Test
    void carbonsEdgeCasesKeepTheConnectionOpen() throws IOException {
        try (CarbonClient client = new CarbonClient(port())) {
            client.send("servers.node1.cpu.total.user 12.5 1700000000\n"
                    + "only.two.fields 1\n"
                    + "bad.value abc 1700000000\n"
                    + "nan.value nan 1700000000\n"
                    + "now.point 3 -1\n"
                    + "fraction.time  4e0\t1700000000.9 \r\n"
                    + "bad..name 5 1700000000\n"
                    + "bad.time 6 inf\n");
            client.send(new byte[] {'u', 't', 'f', (byte) 0xc3, '.', 'x', ' ', '7', ' ', '1', '\n'});
            client.send("tagged;b=2;a=1 8 1700000000\n" + "still.open 9 1700000000\n");

            await().untilAsserted(() -> assertThat(sink.points()).hasSize(5));
        }
        assertThat(sink.points())
                .containsExactly(
                        new Point("servers.node1.cpu.total.user", 1700000000, 12.5),
                        new Point("now.point", NOW.getEpochSecond(), 3),
                        new Point("fraction.time", 1700000000, 4),
                        new Point("tagged;a=1;b=2", 1700000000, 8),
                        new Point("still.open", 1700000000, 9));
        for (String reason : List.of("fields", "number", "nan", "name", "timestamp", "utf8")) {
            assertThat(invalid(reason)).as(reason).isEqualTo(1);
        }
        await().untilAsserted(() -> assertThat(registry.get("calamari.carbon.points")
                        .tag("protocol", "plaintext")
                        .counter()
                        .count())
                .isEqualTo(5));
    }

    @Test
    void aLineOverTheLimitClosesTheConnection() throws IOException {
        try (CarbonClient client = new CarbonClient(port())) {
            client.send("before 1 1700000000\n" + "x".repeat(16_385));

            assertThat(client.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(invalid("too_long")).isEqualTo(1));
        assertThat(sink.points()).extracting(Point::name).containsExactly("before");
    }

    @Test
    void anUnterminatedLastLineIsDroppedAtClose() throws IOException {
        try (CarbonClient client = new CarbonClient(port())) {
            client.send("complete 1 1700000000\nincomplete 2 1700000000");
            await().until(() -> connections() == 1 && sink.pointCount() == 1);
        }
        await().until(() -> connections() == 0);

        assertThat(sink.points()).extracting(Point::name).containsExactly("complete");
    }

    @Test
    void manyConnectionsAtOnce() throws IOException {
        List<CarbonClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 200; c++) {
                clients.add(new CarbonClient(port()));
            }
            for (int c = 0; c < clients.size(); c++) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    lines.append("conn.c")
                            .append(c)
                            .append(".m")
                            .append(i)
                            .append(' ')
                            .append(i)
                            .append(" 1700000000\n");
                }
                clients.get(c).send(lines.toString());
            }
            await().until(() -> sink.pointCount() == 20_000);
            assertThat(connections()).isEqualTo(200);
            assertThat(sink.seriesCount()).isEqualTo(20_000);
        } finally {
            for (CarbonClient client : clients) {
                client.close();
            }
        }
        await().until(() -> connections() == 0);
    }

    @Test
    void acceptingPausesAtTheConnectionLimit() throws IOException {
        listeners.close();
        listeners = start(new CarbonConfig(OptionalInt.of(0), OptionalInt.empty(), 2, 1 << 20, Duration.ZERO));
        try (CarbonClient first = new CarbonClient(port());
                CarbonClient second = new CarbonClient(port());
                CarbonClient third = new CarbonClient(port())) { // connects: the kernel's backlog holds it
            first.send("first 1 1700000000\n");
            second.send("second 1 1700000000\n");
            third.send("third 1 1700000000\n");
            await().until(() -> sink.pointCount() == 2);
            await().during(Duration.ofMillis(300)).until(() -> sink.pointCount() == 2 && connections() == 2);

            first.close();

            await().until(() -> sink.pointCount() == 3);
            assertThat(sink.points()).extracting(Point::name).containsExactlyInAnyOrder("first", "second", "third");
        }
    }

    @Test
    void anIdleConnectionIsClosedWhenConfigured() throws IOException {
        listeners.close();
        listeners =
                start(new CarbonConfig(OptionalInt.of(0), OptionalInt.empty(), 10, 1 << 20, Duration.ofMillis(200)));
        try (CarbonClient client = new CarbonClient(port())) {
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aPortInUseIsAStartupErrorNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CarbonConfig config = new CarbonConfig(
                    OptionalInt.of(0), OptionalInt.of(taken.getLocalPort()), 10, 1 << 20, Duration.ZERO);
            CarbonListeners clashing = new CarbonListeners(
                    ServerConfig.defaults(Path.of("unused"), 0).withCarbon(config), sink, registry, Clock.systemUTC());

            assertThatThrownBy(clashing::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--carbon-pickle-port");
        }
    }

    @Test
    void closeStopsListening() throws IOException {
        int port = port();
        listeners.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void aDisabledListenerHasNoPort() {
        assertThat(new CarbonListeners(ServerConfig.defaults(Path.of("unused"), 0), sink, registry, Clock.systemUTC())
                        .plaintextPort())
                .isEmpty();
    }

    /** Listeners with their own registry (a second registration of the gauge would return the first one). */
    private CarbonListeners start(CarbonConfig config) {
        registry = new SimpleMeterRegistry();
        CarbonListeners started = new CarbonListeners(
                ServerConfig.defaults(Path.of("unused"), 0).withCarbon(config),
                sink,
                registry,
                Clock.fixed(NOW, ZoneOffset.UTC));
        started.start();
        return started;
    }

    private int port() {
        return listeners.plaintextPort().orElseThrow();
    }

    private double invalid(String reason) {
        return registry.get("calamari.carbon.invalid.lines")
                .tag("protocol", "plaintext")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private double connections() {
        return registry.get("calamari.carbon.connections")
                .tag("protocol", "plaintext")
                .gauge()
                .value();
    }
}
