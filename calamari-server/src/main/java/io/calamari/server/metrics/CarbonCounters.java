package io.calamari.server.metrics;

import io.calamari.protocol.graphite.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One listener's meters: {@code calamari_carbon_points_total{protocol}} (points handed to the store),
 * {@code calamari_carbon_invalid_lines_total{protocol,reason}} (lines, elements or frames skipped,
 * and connections closed for a line or frame too long) and the gauge {@code
 * calamari_carbon_connections{protocol}}. Thread-safe (Micrometer's meters are).
 */
final class CarbonCounters {
    /** Reasons found by the server rather than the decoders. */
    static final String NAME = "name";

    static final String UTF8 = "utf8";
    static final String NAN = "nan";
    static final String TIMESTAMP = "timestamp";

    private final Counter points;
    private final Map<String, Counter> invalid = new LinkedHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    CarbonCounters(CarbonProtocol protocol, MeterRegistry registry) {
        points = Counter.builder("calamari.carbon.points")
                .description("Points received over carbon and handed to the store")
                .tag("protocol", protocol.tag())
                .register(registry);
        for (Rejection rejection : Rejection.values()) {
            register(protocol, registry, rejection.tag());
        }
        for (String reason : new String[] {NAME, UTF8, NAN, TIMESTAMP}) {
            register(protocol, registry, reason);
        }
        Gauge.builder("calamari.carbon.connections", connections, AtomicInteger::get)
                .description("Open carbon connections")
                .tag("protocol", protocol.tag())
                .register(registry);
    }

    private void register(CarbonProtocol protocol, MeterRegistry registry, String reason) {
        invalid.put(
                reason,
                Counter.builder("calamari.carbon.invalid.lines")
                        .description("Carbon lines, pickle elements or frames skipped, by reason")
                        .tag("protocol", protocol.tag())
                        .tag("reason", reason)
                        .register(registry));
    }

    void points(long count) {
        points.increment(count);
    }

    void invalid(String reason) {
        Counter counter = invalid.get(reason);
        if (counter != null) {
            counter.increment();
        }
    }

    AtomicInteger connections() {
        return connections;
    }
}
