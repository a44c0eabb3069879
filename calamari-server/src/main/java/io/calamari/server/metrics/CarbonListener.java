package io.calamari.server.metrics;

import io.calamari.protocol.graphite.PickleFrames;
import io.calamari.protocol.graphite.PlaintextDecoder;
import io.calamari.protocol.graphite.RestrictedUnpickler;
import io.calamari.server.config.CarbonConfig;
import io.calamari.tsdb.PointSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One carbon listener (plaintext or pickle): a single daemon thread that accepts and reads every
 * connection through one NIO selector, decodes in place, and hands points to the {@link PointSink}
 * through one reusable batch, written when full and at the end of each round of reads. While the
 * sink blocks (store full) nothing is read, so senders are slowed by TCP itself; nothing is queued.
 * At the connection limit, accepting pauses until a connection closes. Lifecycle: {@link #start}
 * once, {@link #close} once; other methods are thread-safe.
 */
final class CarbonListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CarbonListener.class);
    private static final int BATCH_SIZE = 8192;
    private static final int CACHED_NAMES = 1 << 20;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final CarbonProtocol protocol;
    private final InetSocketAddress address;
    private final String option;
    private final CarbonConfig config;
    private final CarbonCounters counters;
    private final PointCollector collector;
    private final RestrictedUnpickler unpickler = new RestrictedUnpickler();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final Thread thread;
    private @Nullable ServerSocketChannel server;
    private @Nullable Selector selector;
    private volatile boolean running;

    CarbonListener(
            CarbonProtocol protocol,
            InetSocketAddress address,
            String option,
            CarbonConfig config,
            PointSink sink,
            MeterRegistry registry,
            Clock clock) {
        this.protocol = protocol;
        this.address = address;
        this.option = option;
        this.config = config;
        this.counters = new CarbonCounters(protocol, registry);
        this.collector = new PointCollector(sink, counters, clock, BATCH_SIZE, CACHED_NAMES, LOG_INTERVAL_NANOS);
        this.thread = new Thread(this::run, "carbon-" + protocol.tag());
        thread.setDaemon(true);
    }

    /** Binds and starts reading; a port that cannot be bound is an error naming it and its option. */
    void start() {
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.bind(address, 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly();
            throw new IllegalStateException(
                    "cannot listen for carbon " + protocol.tag() + " on " + address.getHostString() + ":"
                            + address.getPort() + " (" + option + "): " + e.getMessage(),
                    e);
        }
        running = true;
        thread.start();
        log.info("carbon {} listener on {}:{}", protocol.tag(), address.getHostString(), port());
    }

    /** The bound port (the actual one when 0 was asked for). */
    int port() {
        ServerSocketChannel channel = server;
        if (channel == null) {
            throw new IllegalStateException("not started");
        }
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int connections() {
        return counters.connections().get();
    }

    /** Stops accepting and reading, writes what is batched (for at most a few seconds), closes every connection. */
    @Override
    public void close() {
        if (!running) {
            closeQuietly();
            return;
        }
        running = false;
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(CLOSE_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt(); // the sink is blocking; give up on the batch
                thread.join(CLOSE_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            Selector current = selector;
            while (running && current != null && !Thread.currentThread().isInterrupted()) {
                current.select(selectTimeoutMillis());
                Iterator<SelectionKey> keys = current.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept(current, key);
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
                if (!collector.flush()) {
                    break;
                }
                closeIdle(current);
            }
            collector.flush();
        } catch (Throwable t) {
            log.error("carbon {} listener failed; it no longer reads", protocol.tag(), t);
        } finally {
            closeQuietly();
        }
    }

    private void accept(Selector current, SelectionKey serverKey) throws IOException {
        ServerSocketChannel channel = (ServerSocketChannel) serverKey.channel();
        while (counters.connections().get() < config.maxConnections()) {
            SocketChannel client = channel.accept();
            if (client == null) {
                return;
            }
            client.configureBlocking(false);
            String peer = String.valueOf(client.getRemoteAddress());
            client.register(current, SelectionKey.OP_READ, new Connection(peer, protocol, config.maxFrameLength()));
            counters.connections().incrementAndGet();
        }
        serverKey.interestOps(0); // at the limit: pause accepting until a connection closes
    }

    private void read(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        buffer.clear();
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            disconnect(key); // an unterminated last line is dropped, as carbon does
            return;
        }
        connection.lastReadNanos = System.nanoTime();
        collector.peer(connection.peer);
        boolean keepOpen;
        try {
            keepOpen = connection.plaintext != null
                    ? connection.plaintext.decode(buffer.array(), 0, read, collector)
                    : connection.pickle != null
                            && connection.pickle.decode(buffer.array(), 0, read, unpickler, collector);
        } catch (RuntimeException e) {
            log.error("decoding carbon {} from {} failed; closing the connection", protocol.tag(), connection.peer, e);
            keepOpen = false;
        }
        if (!keepOpen) {
            disconnect(key);
        }
    }

    private void disconnect(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            log.debug("closing a carbon connection failed", e);
        }
        counters.connections().decrementAndGet();
        ServerSocketChannel channel = server;
        Selector current = selector;
        if (channel != null && current != null) {
            SelectionKey serverKey = channel.keyFor(current);
            if (serverKey != null && serverKey.isValid() && serverKey.interestOps() == 0) {
                serverKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    private long selectTimeoutMillis() {
        return config.idleTimeout().isZero()
                ? 0
                : Math.max(10, Math.min(1000, config.idleTimeout().toMillis() / 2));
    }

    private void closeIdle(Selector current) {
        if (config.idleTimeout().isZero()) {
            return;
        }
        long now = System.nanoTime();
        long limit = config.idleTimeout().toNanos();
        for (SelectionKey key : current.keys()) {
            if (key.isValid()
                    && key.attachment() instanceof Connection connection
                    && now - connection.lastReadNanos > limit) {
                disconnect(key);
            }
        }
    }

    private void closeQuietly() {
        Selector current = selector;
        if (current != null && current.isOpen()) {
            for (SelectionKey key : current.keys()) {
                if (key.attachment() instanceof Connection) {
                    disconnect(key);
                }
            }
        }
        try {
            if (server != null) {
                server.close();
            }
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            log.debug("closing the carbon {} listener failed", protocol.tag(), e);
        }
    }

    /** One connection's decoding state. */
    private static final class Connection {
        final String peer;
        final @Nullable PlaintextDecoder plaintext;
        final @Nullable PickleFrames pickle;
        long lastReadNanos = System.nanoTime();

        Connection(String peer, CarbonProtocol protocol, int maxFrameLength) {
            this.peer = peer;
            this.plaintext = protocol == CarbonProtocol.PLAINTEXT ? new PlaintextDecoder() : null;
            this.pickle = protocol == CarbonProtocol.PICKLE ? new PickleFrames(maxFrameLength) : null;
        }
    }
}
