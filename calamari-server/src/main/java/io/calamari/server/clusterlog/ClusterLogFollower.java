package io.calamari.server.clusterlog;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.server.cluster.ClusterDirectory;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one cluster's log for the streams watching it, on a connection of its own: its daemon
 * thread ({@code cluster-log-<fsid>}) connects, subscribes at the lowest level any watcher wants
 * (subscribing again, lower, when a watcher wants more), and after a failure closes the connection
 * and tries again after a back-off that doubles up to a maximum. Once subscribed, librados itself
 * keeps the subscription across monitor restarts. Entries arrive on a librados thread and are handed
 * to the watchers' queues; one seen again (the monitors resend the latest few on every subscription)
 * is dropped. {@link #stop()} ends the thread, which then unsubscribes and disconnects; when the
 * thread ends, for that or because the cluster is no longer monitored, every watcher is ended.
 * Thread-safe.
 */
final class ClusterLogFollower {
    private static final Logger log = LoggerFactory.getLogger(ClusterLogFollower.class);
    private static final int REMEMBERED_ENTRIES = 512;

    private final String fsid;
    private final ClusterDirectory clusters;
    private final Duration initialBackoff;
    private final Duration maximumBackoff;
    private final List<LogWatcher> watchers = new CopyOnWriteArrayList<>();
    private final Set<ClusterLogEntry> recent = new LinkedHashSet<>();
    private final Thread thread;

    private volatile boolean finished;

    private final Object lock = new Object();
    private @Nullable ClusterLogLevel wanted;
    private boolean stopped;

    // Touched only by the follower's thread.
    private @Nullable RadosClient client;
    private @Nullable LogSubscription subscription;
    private @Nullable ClusterLogLevel subscribed;
    private Duration backoff;
    private long retryAt;
    private @Nullable String lastError;

    ClusterLogFollower(String fsid, ClusterDirectory clusters, Duration initialBackoff, Duration maximumBackoff) {
        this.fsid = requireNonNull(fsid, "fsid");
        this.clusters = requireNonNull(clusters, "clusters");
        this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff");
        this.maximumBackoff = requireNonNull(maximumBackoff, "maximumBackoff");
        this.backoff = initialBackoff;
        this.thread = new Thread(this::run, "cluster-log-" + fsid);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Adds a watcher; the subscription is lowered to its level if it wants more. A watcher added after
     * the thread ended is ended at once.
     */
    void add(LogWatcher watcher) {
        watchers.add(watcher);
        if (finished) {
            watcher.end();
            return;
        }
        ClusterLogLevel level = watcher.filter().level();
        synchronized (lock) {
            ClusterLogLevel current = wanted;
            if (current == null || level.compareTo(current) < 0) {
                wanted = level;
                lock.notifyAll();
            }
        }
    }

    /** Removes a watcher; returns whether none is left. */
    boolean remove(LogWatcher watcher) {
        watchers.remove(watcher);
        return watchers.isEmpty();
    }

    /** Ends every watcher. */
    void endWatchers() {
        watchers.forEach(LogWatcher::end);
    }

    /** Asks the thread to unsubscribe, disconnect and end; returns at once. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    /** Waits up to {@code timeout} for the thread to end (for tests and shutdown). */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private void run() {
        try {
            Optional<ClusterLogLevel> level;
            while ((level = nextLevel()).isPresent()) {
                if (!subscribe(level.get())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.error("following the log of cluster {} failed; its streams end", fsid, t);
        } finally {
            finished = true;
            endWatchers();
            disconnect();
        }
    }

    /**
     * Waits until the subscription must change, and after a failure until the back-off has passed;
     * empty once stopped.
     */
    private Optional<ClusterLogLevel> nextLevel() throws InterruptedException {
        synchronized (lock) {
            while (!stopped) {
                ClusterLogLevel level = wanted;
                if (level == null || level == subscribed) {
                    lock.wait();
                    continue;
                }
                long untilRetry = lastError == null ? 0 : retryAt - System.nanoTime();
                if (untilRetry <= 0) {
                    return Optional.of(level);
                }
                lock.wait(Math.max(1, untilRetry / 1_000_000));
            }
            return Optional.empty();
        }
    }

    /** Subscribes at {@code level}; false when the cluster is no longer monitored. */
    private boolean subscribe(ClusterLogLevel level) {
        try {
            RadosClient open = client;
            if (open == null) {
                Optional<Supplier<RadosClient>> connector = clusters.connector(fsid);
                if (connector.isEmpty()) {
                    log.info("cluster {} is no longer monitored; its log streams end", fsid);
                    return false;
                }
                open = connector.get().get();
                client = open;
            }
            subscription = open.monitorLog(level, this::deliver);
            subscribed = level;
            backoff = initialBackoff;
            if (lastError != null) {
                log.info("following the log of cluster {} again", fsid);
                lastError = null;
            }
        } catch (RuntimeException e) {
            failed(e);
        }
        return true;
    }

    private void failed(RuntimeException e) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!error.equals(lastError)) {
            log.warn("cannot follow the log of cluster {}, retrying in {} ms: {}", fsid, backoff.toMillis(), error);
        }
        lastError = error;
        retryAt = System.nanoTime() + backoff.toNanos();
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(maximumBackoff) > 0 ? maximumBackoff : doubled;
        disconnect();
    }

    /** Called on a librados thread for every entry; hands it to the watchers without blocking. */
    private void deliver(ClusterLogEntry entry) {
        if (!firstSight(entry)) {
            return;
        }
        for (LogWatcher watcher : watchers) {
            watcher.offer(entry);
        }
    }

    /** Whether the entry was not delivered already ({@code seq} alone repeats: 0 for the {@code log} command). */
    private boolean firstSight(ClusterLogEntry entry) {
        synchronized (recent) {
            if (!recent.add(entry)) {
                return false;
            }
            if (recent.size() > REMEMBERED_ENTRIES) {
                Iterator<ClusterLogEntry> oldest = recent.iterator();
                oldest.next();
                oldest.remove();
            }
            return true;
        }
    }

    private void disconnect() {
        LogSubscription open = subscription;
        RadosClient connected = client;
        subscription = null;
        subscribed = null;
        client = null;
        try {
            if (open != null) {
                open.close();
            }
            if (connected != null) {
                connected.close();
            }
        } catch (RuntimeException e) {
            log.debug("closing the log connection to cluster {} failed: {}", fsid, e.toString());
        }
    }
}
