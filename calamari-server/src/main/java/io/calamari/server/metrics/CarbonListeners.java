package io.calamari.server.metrics;

import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.calamari.tsdb.PointSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The carbon listeners the configuration asks for: plaintext ({@code metric value timestamp\n},
 * default TCP 2003) and pickle (length-prefixed pickled lists of {@code (path, (timestamp, value))},
 * default TCP 2004), both on the server's bind address, feeding one {@link PointSink}. Each runs
 * on its own thread (see {@link CarbonListener}). Built by the composition root, which calls {@link
 * #start} and {@link #close}; thread-safe after start.
 */
public final class CarbonListeners implements AutoCloseable {
    private final List<CarbonListener> listeners = new ArrayList<>();
    private final OptionalInt plaintextIndex;
    private final OptionalInt pickleIndex;

    public CarbonListeners(ServerConfig config, PointSink sink, MeterRegistry registry, Clock clock) {
        CarbonConfig carbon = config.carbon();
        plaintextIndex =
                add(config, carbon.plaintextPort(), CarbonProtocol.PLAINTEXT, "--carbon-port", sink, registry, clock);
        pickleIndex =
                add(config, carbon.picklePort(), CarbonProtocol.PICKLE, "--carbon-pickle-port", sink, registry, clock);
    }

    private OptionalInt add(
            ServerConfig config,
            OptionalInt port,
            CarbonProtocol protocol,
            String option,
            PointSink sink,
            MeterRegistry registry,
            Clock clock) {
        if (port.isEmpty()) {
            return OptionalInt.empty();
        }
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), port.getAsInt());
        listeners.add(new CarbonListener(protocol, address, option, config.carbon(), sink, registry, clock));
        return OptionalInt.of(listeners.size() - 1);
    }

    /**
     * Binds every listener and starts reading.
     *
     * @throws IllegalStateException naming the port and option when a port cannot be bound (the
     *     listeners already started are closed again)
     */
    public void start() {
        for (CarbonListener listener : listeners) {
            try {
                listener.start();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** The plaintext listener's bound port, if it is on. */
    public OptionalInt plaintextPort() {
        return port(plaintextIndex);
    }

    /** The pickle listener's bound port, if it is on. */
    public OptionalInt picklePort() {
        return port(pickleIndex);
    }

    private OptionalInt port(OptionalInt index) {
        return index.isPresent()
                ? OptionalInt.of(listeners.get(index.getAsInt()).port())
                : OptionalInt.empty();
    }

    @Override
    public void close() {
        listeners.forEach(CarbonListener::close);
    }
}
