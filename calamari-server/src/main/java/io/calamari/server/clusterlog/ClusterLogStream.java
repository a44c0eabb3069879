package io.calamari.server.clusterlog;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live cluster-log streams.
 *
 * <p>A cluster's log is followed only while someone watches it: the first stream of a cluster starts
 * a {@link ClusterLogFollower} (its own librados connection and subscription), the last one to leave
 * stops it. Always following every cluster, with a ring buffer of recent lines, was the alternative;
 * it is not worth its cost here. A subscription receives every entry at its level, and at
 * {@code debug} that includes an audit line for every command this server sends to the monitors, so
 * each cluster would cost a stream of messages and a thread while nobody looks. The recent past is
 * already served by {@code log last} from the monitors' memory, which a buffer started with the
 * server would not improve on after a restart. So a stream starts with what is logged after it opens
 * (and the few entries the monitors resend on subscribing) and cannot be resumed: the SSE id is only
 * Ceph's sequence number.
 *
 * <p>Each stream runs on a thread of its own while open ({@link #start}); at most
 * {@code maximumStreams} are open at once. A stream whose client falls {@code queueCapacity} entries behind is ended, so a slow
 * client never holds up the others. Thread-safe.
 */
public final class ClusterLogStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterLogStream.class);

    /** The receiving end of one stream. Called from the stream's own thread only. */
    public interface Subscriber {
        /** Whether the client is still there. */
        boolean open();

        void send(ClusterLogEntry entry);

        /** Sends something harmless, so that a client that went away is noticed. */
        void heartbeat();

        /** A subscriber made of three functions (lambdas keep transport types inside the routes class). */
        static Subscriber of(BooleanSupplier open, Consumer<ClusterLogEntry> send, Runnable heartbeat) {
            return new Subscriber() {
                @Override
                public boolean open() {
                    return open.getAsBoolean();
                }

                @Override
                public void send(ClusterLogEntry entry) {
                    send.accept(entry);
                }

                @Override
                public void heartbeat() {
                    heartbeat.run();
                }
            };
        }
    }

    private final ClusterDirectory clusters;
    private final Duration heartbeatInterval;
    private final int maximumStreams;
    private final int queueCapacity;
    private final Duration initialBackoff;
    private final Duration maximumBackoff;
    private final Map<String, ClusterLogFollower> followers = new HashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cluster-log-stream");
        thread.setDaemon(true);
        return thread;
    });
    private int openStreams;
    private boolean closed;

    public ClusterLogStream(
            ClusterDirectory clusters,
            Duration heartbeatInterval,
            int maximumStreams,
            int queueCapacity,
            Duration initialBackoff,
            Duration maximumBackoff) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval");
        this.maximumStreams = maximumStreams;
        this.queueCapacity = queueCapacity;
        this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff");
        this.maximumBackoff = requireNonNull(maximumBackoff, "maximumBackoff");
    }

    /** 15 s heartbeats, 100 streams, 1,000 entries per stream, reconnecting after 1 s up to 30 s. */
    public static ClusterLogStream withDefaults(ClusterDirectory clusters) {
        return new ClusterLogStream(
                clusters, Duration.ofSeconds(15), 100, 1000, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /**
     * Checks that the cluster's log can be followed, before a stream is opened.
     *
     * @throws CalamariException 503 when the server cannot open a connection to the cluster
     */
    public void requireFollowable(String fsid) {
        if (clusters.connector(fsid).isEmpty()) {
            throw new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "The cluster log cannot be followed");
        }
    }

    /**
     * Refuses a new stream before it opens when {@code maximumStreams} are open already or the server
     * is stopping.
     *
     * @throws CalamariException 503
     */
    public synchronized void requireCapacity() {
        if (closed) {
            throw stopping();
        }
        if (openStreams >= maximumStreams) {
            throw tooMany();
        }
    }

    /**
     * Sends {@code subscriber}, on a thread of the stream's own, every entry of the cluster's log that
     * passes {@code filter}, as it is logged, until the subscriber is gone, the stream is ended (too
     * slow a client, the cluster no longer monitored) or the server stops; then runs {@code onEnd}
     * (unless the server stops: the HTTP server closes the connections itself). While the cluster is
     * out of reach the stream stays open with heartbeats only. Returns at once.
     */
    public void start(String fsid, ClusterLogFilter filter, Subscriber subscriber, Runnable onEnd) {
        LogWatcher watcher = new LogWatcher(filter, queueCapacity);
        ClusterLogFollower follower;
        try {
            follower = open(fsid, watcher);
        } catch (CalamariException e) {
            onEnd.run();
            return;
        }
        try {
            threads.execute(() -> {
                try {
                    pump(watcher, subscriber);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("a cluster log stream of {} failed: {}", fsid, e.toString());
                } finally {
                    if (!leave(fsid, follower, watcher)) {
                        onEnd.run();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            leave(fsid, follower, watcher);
            onEnd.run();
        }
    }

    private void pump(LogWatcher watcher, Subscriber subscriber) throws InterruptedException {
        while (subscriber.open() && !watcher.ended()) {
            Optional<ClusterLogEntry> entry = watcher.next(heartbeatInterval);
            if (entry.isPresent()) {
                subscriber.send(entry.get());
            } else if (!watcher.ended()) {
                subscriber.heartbeat();
            }
        }
    }

    /** How many streams are open (for tests and metrics). */
    public synchronized int openStreams() {
        return openStreams;
    }

    /** How many clusters are being followed (for tests). */
    public synchronized int followedClusters() {
        return followers.size();
    }

    private synchronized ClusterLogFollower open(String fsid, LogWatcher watcher) {
        if (closed) {
            throw stopping();
        }
        if (openStreams >= maximumStreams) {
            throw tooMany();
        }
        openStreams++;
        ClusterLogFollower follower = followers.get(fsid);
        if (follower == null) {
            follower = new ClusterLogFollower(fsid, clusters, initialBackoff, maximumBackoff);
            followers.put(fsid, follower);
            follower.start();
        }
        follower.add(watcher);
        return follower;
    }

    /** Forgets a stream that ended; returns whether the server is stopping. */
    private synchronized boolean leave(String fsid, ClusterLogFollower follower, LogWatcher watcher) {
        openStreams--;
        if (follower.remove(watcher)) {
            followers.remove(fsid, follower);
            follower.stop();
        }
        return closed;
    }

    private static CalamariException stopping() {
        return new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "The server is stopping");
    }

    private CalamariException tooMany() {
        return new CalamariException(
                ErrorCode.SERVICE_UNAVAILABLE, "Too many cluster log streams are open (" + maximumStreams + ")");
    }

    /** Ends every stream and stops following, waiting a little for the followers to disconnect. */
    @Override
    public void close() {
        List<ClusterLogFollower> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(followers.values());
            followers.clear();
        }
        for (ClusterLogFollower follower : stopping) {
            follower.endWatchers();
            follower.stop();
        }
        threads.shutdown();
        try {
            for (ClusterLogFollower follower : stopping) {
                follower.awaitStopped(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
