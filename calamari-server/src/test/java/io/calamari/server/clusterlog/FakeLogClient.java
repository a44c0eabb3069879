package io.calamari.server.clusterlog;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A cluster whose log a test writes: connections to it ({@link #connect}) follow its log as a
 * librados client does, one listener per connection, and {@link #log} delivers an entry to every
 * subscribed connection at or above its level. It can refuse connections for a while. Thread-safe.
 */
final class FakeLogClient {
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** The level of every subscription made, in order. */
    final List<ClusterLogLevel> subscriptions = new CopyOnWriteArrayList<>();

    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    /** The next {@code count} connection attempts fail as an unreachable cluster does. */
    void refuse(int count) {
        refusals.set(count);
    }

    RadosClient connect() {
        attempts.incrementAndGet();
        if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new RadosException("no monitor answered", -110, "");
        }
        connections.incrementAndGet();
        Connection connection = new Connection();
        open.add(connection);
        return connection;
    }

    /** Logs an entry, as the monitors would send it to every subscriber. */
    void log(String channel, ClusterLogLevel level, long seq, String message) {
        ClusterLogEntry entry = new ClusterLogEntry(
                "mon.a", "mon.0", Instant.parse("2026-11-22T00:04:14Z"), seq, channel, level, message);
        for (Connection connection : open) {
            connection.deliver(entry);
        }
    }

    /** How many connections are open with a subscription. */
    int subscribed() {
        return (int)
                open.stream().filter(connection -> connection.listener != null).count();
    }

    private final class Connection implements RadosClient {
        private volatile @Nullable Consumer<ClusterLogEntry> listener;
        private volatile ClusterLogLevel level = ClusterLogLevel.INFO;

        void deliver(ClusterLogEntry entry) {
            Consumer<ClusterLogEntry> current = listener;
            if (current != null && entry.level().isAtLeast(level)) {
                current.accept(entry);
            }
        }

        @Override
        public LogSubscription monitorLog(ClusterLogLevel wanted, Consumer<ClusterLogEntry> subscriber) {
            subscriptions.add(wanted);
            level = wanted;
            listener = subscriber;
            return () -> {
                if (listener == subscriber) {
                    listener = null;
                }
            };
        }

        @Override
        public CommandResult monCommand(Map<String, Object> command, byte[] input, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandResult mgrCommand(Map<String, Object> command, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandResult osdCommand(int osdId, Map<String, Object> command, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String fsid() {
            return "fake";
        }

        @Override
        public void close() {
            if (open.remove(this)) {
                listener = null;
                closed.incrementAndGet();
            }
        }
    }
}
