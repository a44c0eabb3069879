package io.calamari.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * The carbon listeners: plaintext and pickle ports (empty = that listener is off; 0 = any free port),
 * bound to the server's bind address; the connection limit of each listener (further accepts wait);
 * the pickle frame limit (carbon's {@code PICKLE_RECEIVER_MAX_LENGTH}); and the idle timeout after
 * which a silent connection is closed ({@link Duration#ZERO} = never, carbon's default). Immutable.
 */
public record CarbonConfig(
        OptionalInt plaintextPort,
        OptionalInt picklePort,
        int maxConnections,
        int maxFrameLength,
        Duration idleTimeout) {
    public static final int DEFAULT_PLAINTEXT_PORT = 2003;
    public static final int DEFAULT_PICKLE_PORT = 2004;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;

    public CarbonConfig {
        requireNonNull(plaintextPort, "plaintextPort");
        requireNonNull(picklePort, "picklePort");
        requireNonNull(idleTimeout, "idleTimeout");
        plaintextPort.ifPresent(port -> checkPort("plaintextPort", port));
        picklePort.ifPresent(port -> checkPort("picklePort", port));
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
        }
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be positive, got " + maxFrameLength);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative");
        }
    }

    /** A real run: carbon's ports 2003 and 2004. */
    public static CarbonConfig standardPorts() {
        return new CarbonConfig(
                OptionalInt.of(DEFAULT_PLAINTEXT_PORT),
                OptionalInt.of(DEFAULT_PICKLE_PORT),
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_FRAME_LENGTH,
                Duration.ZERO);
    }

    /** Both listeners on any free port, for tests that run side by side. */
    public static CarbonConfig anyFreePorts() {
        return new CarbonConfig(
                OptionalInt.of(0), OptionalInt.of(0), DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_FRAME_LENGTH, Duration.ZERO);
    }

    /** No carbon listener at all: the default of {@link ServerConfig#defaults}. */
    public static CarbonConfig disabled() {
        return new CarbonConfig(
                OptionalInt.empty(),
                OptionalInt.empty(),
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_FRAME_LENGTH,
                Duration.ZERO);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
        }
    }
}
