package io.calamari.ceph.jna;

import static java.util.Objects.requireNonNull;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.parse.ClusterLogParser;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-log subscription of one librados handle ({@code rados_monitor_log2}), which has room for one callback.
 *
 * <p>A callback librados still holds must stay reachable from Java: were it collected, librados would call freed
 * code. Every callback is therefore kept in a JVM-wide set from before it is handed to librados until librados is
 * known to have let go of it (it was replaced or unsubscribed, or the handle was shut down); when that cannot be known
 * (a hung call, a leaked handle) it stays there for good. A callback never lets an exception reach native code. The
 * librados thread that calls it stays attached to the JVM as a daemon thread named {@code rados-log-<fsid>}.
 *
 * <p>Thread-safety: thread-safe; subscribing and unsubscribing are serialized.
 */
final class ClusterLogFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLogFeed.class);
    /** Callbacks librados may still call. */
    private static final Set<LibRados.LogCallback> HELD_BY_LIBRADOS = ConcurrentHashMap.newKeySet();

    private final LibRados library;
    private final NativeCallExecutor executor;
    private final Pointer cluster;
    private final String fsid;
    private final Duration timeout;
    private @Nullable Subscription current;

    ClusterLogFeed(LibRados library, NativeCallExecutor executor, Pointer cluster, String fsid, Duration timeout) {
        this.library = requireNonNull(library, "library");
        this.executor = requireNonNull(executor, "executor");
        this.cluster = requireNonNull(cluster, "cluster");
        this.fsid = requireNonNull(fsid, "fsid");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** Subscribes {@code listener}, replacing the current subscription if there is one. */
    synchronized LogSubscription subscribe(ClusterLogLevel level, Consumer<ClusterLogEntry> listener) {
        Subscription subscription = new Subscription(requireNonNull(listener, "listener"));
        Native.setCallbackThreadInitializer(
                subscription.callback, new CallbackThreadInitializer(true, false, "rados-log-" + fsid));
        HELD_BY_LIBRADOS.add(subscription.callback);
        int returnCode;
        try {
            returnCode = executor.call(
                    "subscribing to the cluster log at level " + level.cephName(),
                    () -> library.rados_monitor_log2(cluster, level.cephName(), subscription.callback, null),
                    timeout);
        } catch (RuntimeException e) {
            // librados may still take the callback when the call completes: it stays held.
            subscription.active = false;
            throw e;
        }
        if (returnCode < 0) {
            subscription.active = false;
            HELD_BY_LIBRADOS.remove(subscription.callback);
            throw new RadosException("subscribing to the cluster log failed", returnCode, "");
        }
        Subscription replaced = current;
        current = subscription;
        if (replaced != null) {
            replaced.active = false;
            HELD_BY_LIBRADOS.remove(replaced.callback);
        }
        return subscription;
    }

    /** The handle was shut down: librados calls no callback any more. */
    synchronized void shutDown() {
        Subscription subscription = current;
        current = null;
        if (subscription != null) {
            subscription.active = false;
            HELD_BY_LIBRADOS.remove(subscription.callback);
        }
    }

    /** How many callbacks the JVM keeps for librados (for tests). */
    static int heldCallbacks() {
        return HELD_BY_LIBRADOS.size();
    }

    private synchronized void unsubscribe(Subscription subscription) {
        if (!subscription.active) {
            return;
        }
        subscription.active = false;
        if (current != subscription) {
            return;
        }
        current = null;
        try {
            int returnCode = executor.call(
                    "unsubscribing from the cluster log",
                    () -> library.rados_monitor_log2(cluster, ClusterLogLevel.INFO.cephName(), null, null),
                    timeout);
            if (returnCode >= 0) {
                HELD_BY_LIBRADOS.remove(subscription.callback);
            }
        } catch (RadosException e) {
            // Closed client or hung call: the callback stays held until the handle is shut down, or for good.
            LOG.debug("unsubscribing from the cluster log of {} failed: {}", fsid, e.getMessage());
        }
    }

    private static String text(@Nullable Pointer text) {
        return text == null ? "" : text.getString(0, StandardCharsets.UTF_8.name());
    }

    /** One subscriber: its listener and the callback librados calls for it. */
    private final class Subscription implements LogSubscription {
        private final Consumer<ClusterLogEntry> listener;
        private final LibRados.LogCallback callback = this::deliver;
        private volatile boolean active = true;

        Subscription(Consumer<ClusterLogEntry> listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            unsubscribe(this);
        }

        @SuppressWarnings("unused") // the parameters are librados's callback signature
        private void deliver(
                @Nullable Pointer argument,
                @Nullable Pointer line,
                @Nullable Pointer channel,
                @Nullable Pointer who,
                @Nullable Pointer name,
                long seconds,
                long nanoseconds,
                long seq,
                @Nullable Pointer level,
                @Nullable Pointer message) {
            if (!active) {
                return;
            }
            try {
                listener.accept(ClusterLogParser.fromSubscription(
                        text(channel),
                        text(name),
                        text(who),
                        Instant.ofEpochSecond(seconds, nanoseconds),
                        seq,
                        text(level),
                        text(message)));
            } catch (Throwable t) {
                // Nothing may unwind into librados.
                LOG.warn("dropped a cluster-log entry of {}: {}", fsid, t.toString());
            }
        }
    }
}
