package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocked store stops the listener reading: the sender's socket fills and its writes block; once
 * the store takes points again, every line arrives.
 */
@Timeout(180)
class BackPressureTest {
    private static final int LINES = 800_000; // about 30 MB, far beyond loopback's socket buffers
    private static final int SERIES = 1000;

    @Test
    void aBlockedSinkStopsReadingAndNothingIsLost() throws Exception {
        FakePointSink sink = new FakePointSink();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        sink.block();
        try (CarbonListeners listeners = new CarbonListeners(
                ServerConfig.defaults(Path.of("unused"), 0).withCarbon(CarbonConfig.anyFreePorts()),
                sink,
                registry,
                Clock.systemUTC())) {
            listeners.start();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(listeners, sent));

            await().until(() -> sink.blockedWrites() > 0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() -> !sender.isDone());
            assertThat(sink.pointCount()).isZero();
            assertThat(sent.get()).isLessThan(LINES);

            sink.unblock();

            sender.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.pointCount() == LINES);
            double sum = sink.points().stream()
                    .mapToDouble(FakePointSink.Point::value)
                    .sum();
            assertThat(sum).isEqualTo((double) LINES * (LINES - 1) / 2);
        }
    }

    @Test
    void closeDoesNotHangOnABlockedSink() throws Exception {
        FakePointSink sink = new FakePointSink();
        sink.block();
        CarbonListeners listeners = new CarbonListeners(
                ServerConfig.defaults(Path.of("unused"), 0).withCarbon(CarbonConfig.anyFreePorts()),
                sink,
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        listeners.start();
        try (CarbonClient client = new CarbonClient(listeners.plaintextPort().orElseThrow())) {
            client.send("a 1 1700000000\n");
            await().until(() -> sink.blockedWrites() > 0);

            long start = System.nanoTime();
            listeners.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(client.closedByServer()).isTrue();
        }
    }

    private static void send(CarbonListeners listeners, AtomicLong sent) {
        try (CarbonClient client = new CarbonClient(listeners.plaintextPort().orElseThrow())) {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                chunk.append("bp.series")
                        .append(i % SERIES)
                        .append(' ')
                        .append(i)
                        .append(" 1700000000\n");
                if (chunk.length() > 60_000 || i == LINES - 1) {
                    client.send(chunk.toString().getBytes(StandardCharsets.US_ASCII));
                    sent.set(i + 1);
                    chunk.setLength(0);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
