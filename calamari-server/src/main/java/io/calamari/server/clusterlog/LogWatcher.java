package io.calamari.server.clusterlog;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One open stream's queue: entries that pass its filter wait here between the librados thread that
 * delivers them and the stream's own thread that sends them. A watcher whose queue is full is ended
 * rather than allowed to hold up the delivery or grow without bound. Thread-safe.
 */
final class LogWatcher {
    private final ClusterLogFilter filter;
    private final int capacity;
    private final ArrayDeque<ClusterLogEntry> queue = new ArrayDeque<>();
    private boolean ended;

    LogWatcher(ClusterLogFilter filter, int capacity) {
        this.filter = requireNonNull(filter, "filter");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    ClusterLogFilter filter() {
        return filter;
    }

    /** Queues the entry if it passes the filter; never blocks. */
    synchronized void offer(ClusterLogEntry entry) {
        if (ended || !filter.matches(entry)) {
            return;
        }
        if (queue.size() >= capacity) {
            end();
            return;
        }
        queue.add(entry);
        notifyAll();
    }

    /** Ends the stream: its thread stops waiting and sends nothing more. */
    synchronized void end() {
        ended = true;
        queue.clear();
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    /** The next entry, waiting up to {@code wait}; empty when none came or the watcher ended. */
    synchronized Optional<ClusterLogEntry> next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (queue.isEmpty() && !ended) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return Optional.ofNullable(queue.poll());
    }
}
