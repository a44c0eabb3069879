package io.calamari.tsdb;

import io.calamari.tsdb.storage.Compaction;
import io.calamari.tsdb.storage.Level0File;
import io.calamari.tsdb.storage.PartitionChange;
import io.calamari.tsdb.storage.PartitionFile;
import io.calamari.tsdb.storage.Rollups;
import io.calamari.tsdb.storage.StoreFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's background work on two named daemon threads: {@code tsdb-sync} syncs the logs every
 * sync interval; {@code tsdb-maintenance} checks once a second for a due checkpoint, compacts closed
 * level-0 files, every ten minutes rolls up and drops expired data, and deletes superseded files a
 * minute after they were replaced (readers that captured the old view are done by then). Failures
 * are logged and retried on the next round.
 */
final class StoreMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);
    private static final long ROLLUP_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final long DELETE_AFTER_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private record Retired(AutoCloseable file, Path path, long retiredAtMillis) {}

    private final TimeSeriesStore store;
    private final ScheduledExecutorService syncThread = Executors.newSingleThreadScheduledExecutor(daemon("tsdb-sync"));
    private final ScheduledExecutorService maintenanceThread =
            Executors.newSingleThreadScheduledExecutor(daemon("tsdb-maintenance"));
    private final List<Retired> retired = new ArrayList<>();
    private long lastRollupMillis = Long.MIN_VALUE;

    StoreMaintenance(TimeSeriesStore store) {
        this.store = store;
    }

    void start() {
        long syncMillis = store.config().syncInterval().toMillis();
        syncThread.scheduleWithFixedDelay(this::sync, syncMillis, syncMillis, TimeUnit.MILLISECONDS);
        maintenanceThread.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
    }

    private void sync() {
        try {
            store.sync();
        } catch (Throwable e) {
            LOG.error("Syncing the metric store's log failed", e);
        }
    }

    private void round() {
        try {
            if (store.checkpointDue()) {
                store.checkpoint();
            }
            compact();
            long now = store.config().clock().millis();
            if (now - lastRollupMillis >= ROLLUP_EVERY_MILLIS) {
                rollUp();
                lastRollupMillis = now;
            }
            deleteRetired(false);
        } catch (Throwable e) {
            LOG.error("Metric store maintenance failed; retrying in a second", e);
        }
    }

    /** One full round on the maintenance thread, waited for: checkpointed data compacted and rolled up. */
    void runOnce() {
        try {
            maintenanceThread
                    .submit(() -> {
                        compact();
                        rollUp();
                        lastRollupMillis = store.config().clock().millis();
                        return null;
                    })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("metric store maintenance failed", e.getCause());
        }
    }

    private void compact() {
        StoreFiles files = store.files();
        List<Level0File> inputs = files.closedLevel0();
        if (inputs.isEmpty()) {
            return;
        }
        PartitionChange change =
                Compaction.run(inputs, files, store::knownState, store.directory().partitions, store::nextVersion);
        store.publish(current -> {
            List<Level0File> remaining = new ArrayList<>(current.closedLevel0());
            remaining.removeAll(inputs);
            return current.withPartitions(change.added(), change.replaced()).withClosedLevel0(remaining);
        });
        change.replaced().forEach(file -> retire(file, file.path()));
        inputs.forEach(file -> retire(file, file.path()));
    }

    private void rollUp() {
        long now = store.nowSeconds();
        for (PartitionFile partition : store.files().allPartitions()) {
            StoreFiles files = store.files();
            if (!files.allPartitions().contains(partition) || !Rollups.hasExpired(partition, store::knownState, now)) {
                continue;
            }
            PartitionChange change = Rollups.run(
                    partition, files, store::knownState, now, store.directory().partitions, store::nextVersion);
            List<PartitionFile> removed = new ArrayList<>(change.replaced());
            if (!removed.contains(partition)) {
                removed.add(partition);
            }
            store.publish(current -> current.withPartitions(change.added(), removed));
            removed.forEach(file -> retire(file, file.path()));
        }
    }

    private void retire(AutoCloseable file, Path path) {
        retired.add(new Retired(file, path, store.config().clock().millis()));
    }

    private void deleteRetired(boolean all) {
        long now = store.config().clock().millis();
        retired.removeIf(entry -> {
            if (!all && now - entry.retiredAtMillis() < DELETE_AFTER_MILLIS) {
                return false;
            }
            try {
                entry.file().close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", entry.path(), e);
            }
            StoreDirectory.delete(entry.path());
            return true;
        });
    }

    @Override
    public void close() {
        maintenanceThread.shutdown();
        syncThread.shutdown();
        try {
            maintenanceThread.awaitTermination(1, TimeUnit.MINUTES);
            syncThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRetired(true);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
