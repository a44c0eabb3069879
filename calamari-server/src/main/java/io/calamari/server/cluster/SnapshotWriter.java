package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the latest snapshot of each cluster, off the monitors' threads. {@link #published} only
 * keeps the newest snapshot per cluster (older ones not yet written are dropped: only the latest
 * matters); one daemon thread writes what is pending every {@code interval}, one transaction per
 * cluster, and only the parts the monitor fetched again since the last write (the OSD map of a large
 * cluster is megabytes and changes rarely). A snapshot with nothing new (an unreachable cluster's)
 * writes nothing, and restored snapshots are never written back. A failed write is logged and tried
 * again with whatever is newest then. {@link #close()} writes what is pending one last time.
 * Thread-safe.
 */
public final class SnapshotWriter implements SnapshotListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);

    private final SnapshotStore store;
    private final SnapshotCodec codec;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, ClusterSnapshot> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    // What was last written of each cluster: touched only by the writing thread (see writePending).
    private final Map<String, Written> written = new HashMap<>();
    private final Object writing = new Object();
    private boolean failing; // guarded by writing
    private final AtomicBoolean started = new AtomicBoolean();

    /** What is stored of a cluster: its update time and, per part name, the version and fetch time written. */
    private record Written(Instant updateTime, Map<String, PartVersion> parts) {}

    private record PartVersion(long version, Instant fetchedAt) {
        static PartVersion of(Part<?> part) {
            return new PartVersion(part.version(), part.fetchedAt());
        }
    }

    /** What one write stored of one cluster: the parts written (by name) and their compressed size. */
    public record Write(String fsid, List<String> parts, long bytes, Duration took) {
        public Write {
            requireNonNull(fsid, "fsid");
            parts = List.copyOf(parts);
            requireNonNull(took, "took");
        }
    }

    public SnapshotWriter(SnapshotStore store, SnapshotCodec codec, Duration interval, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.codec = requireNonNull(codec, "codec");
        this.interval = requireNonNull(interval, "interval");
        this.clock = requireNonNull(clock, "clock");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshot-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts writing every interval; call once the database is migrated (calls after the first do
     * nothing). Snapshots published before wait.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::writeQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void published(Optional<ClusterSnapshot> previous, ClusterSnapshot next) {
        if (!next.restored() && next.status().isPresent()) {
            pending.put(next.fsid(), next);
        }
    }

    /**
     * Writes the newest pending snapshot of every cluster; returns what was written. A cluster whose
     * write fails stays pending. Package-private so that tests drive it without the thread.
     */
    List<Write> writePending() {
        synchronized (writing) {
            List<Write> writes = new ArrayList<>();
            RuntimeException failure = null;
            for (Map.Entry<String, ClusterSnapshot> entry : List.copyOf(pending.entrySet())) {
                try {
                    write(entry.getValue()).ifPresent(writes::add);
                    pending.remove(entry.getKey(), entry.getValue());
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                if (!failing) {
                    log.warn(
                            "storing cluster snapshots failed, retrying every {}s: {}",
                            interval.toSeconds(),
                            failure.toString());
                }
                failing = true;
            } else if (failing) {
                log.info("storing cluster snapshots works again");
                failing = false;
            }
            return writes;
        }
    }

    private Optional<Write> write(ClusterSnapshot snapshot) {
        long startNanos = System.nanoTime();
        Written before = written.getOrDefault(snapshot.fsid(), new Written(Instant.MIN, Map.of()));
        List<SnapshotStore.StoredPart> changed = new ArrayList<>();
        Set<String> absent = new HashSet<>();
        Map<String, PartVersion> versions = new HashMap<>();
        SnapshotCodec.parts(snapshot).forEach((name, part) -> {
            if (part.isEmpty()) {
                absent.add(name);
                return;
            }
            PartVersion version = PartVersion.of(part.get());
            versions.put(name, version);
            if (!version.equals(before.parts().get(name))) {
                changed.add(codec.encode(name, part.get()));
            }
        });
        if (changed.isEmpty()
                && snapshot.updateTime().equals(before.updateTime())
                && before.parts().keySet().equals(versions.keySet())) {
            return Optional.empty();
        }
        store.save(
                snapshot.fsid(),
                snapshot.name(),
                snapshot.updateTime(),
                SnapshotCodec.FORMAT,
                clock.instant(),
                changed,
                absent);
        written.put(snapshot.fsid(), new Written(snapshot.updateTime(), versions));
        return Optional.of(new Write(
                snapshot.fsid(),
                changed.stream().map(SnapshotStore.StoredPart::name).toList(),
                changed.stream().mapToLong(SnapshotStore.StoredPart::size).sum(),
                Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    private void writeQuietly() {
        try {
            for (Write write : writePending()) {
                log.debug(
                        "stored snapshot of {}: {} ({} bytes, {} ms)",
                        write.fsid(),
                        write.parts(),
                        write.bytes(),
                        write.took().toMillis());
            }
        } catch (Throwable t) {
            log.error("storing cluster snapshots failed unexpectedly", t);
        }
    }

    /** Stops the thread, then writes what is pending one last time (when the writer was started). */
    @Override
    public void close() {
        executor.shutdown(); // a write under way finishes; no new round starts
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started.get()) {
            writeQuietly();
        }
    }
}
