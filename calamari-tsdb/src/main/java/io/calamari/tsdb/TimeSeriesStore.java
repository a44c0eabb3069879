package io.calamari.tsdb;

import io.calamari.tsdb.index.SeriesIndex;
import io.calamari.tsdb.index.TagExpression;
import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.query.SeriesSource;
import io.calamari.tsdb.schema.Retention;
import io.calamari.tsdb.storage.Level0File;
import io.calamari.tsdb.storage.PartitionFile;
import io.calamari.tsdb.storage.Points;
import io.calamari.tsdb.storage.SeriesLog;
import io.calamari.tsdb.storage.SeriesState;
import io.calamari.tsdb.storage.SeriesView;
import io.calamari.tsdb.storage.StoreFiles;
import io.calamari.tsdb.storage.TierReader;
import io.calamari.tsdb.storage.WriteAheadLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The embedded time-series store: Graphite series in, whisper-compatible fetches out.
 *
 * <p>A written batch goes to the write-ahead log, then into each series' head (raw points aligned
 * to the series' finest step, as whisper aligns them). A full head is sealed as a compressed chunk
 * into the active level-0 file. A checkpoint seals every head, closes the level-0 file and drops the
 * log; {@link StoreMaintenance} then merges closed level-0 files into time partitions, rolls expired
 * data up into coarser tiers and deletes what retention no longer covers. See {@code docs/tsdb.md}.
 *
 * <p>Thread-safe. Writes and the capture of a series' recent data for a read share one lock; file
 * reads and decoding happen outside it.
 */
public final class TimeSeriesStore implements PointSink, SeriesSource, AutoCloseable {
    /** The log is checkpointed early when it grows past this. */
    static final long WAL_MAX_BYTES = 256L << 20;

    private final TsdbConfig config;
    private final StoreDirectory directory;
    private final SeriesIndex index = new SeriesIndex();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition compacted = lock.newCondition();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong pointsWritten = new AtomicLong();
    private final AtomicLong pointsTooOld = new AtomicLong();
    private final SeriesLog seriesLog;
    private final WriteAheadLog wal;
    private final StoreMaintenance maintenance;
    private volatile SeriesState[] states = new SeriesState[1024];
    private volatile StoreFiles files;
    private Level0File active;
    private volatile long lastCheckpointMillis;
    private boolean closed;

    private TimeSeriesStore(TsdbConfig config) {
        this.config = config;
        this.directory = new StoreDirectory(config.directory());
        this.seriesLog = SeriesLog.open(directory.seriesLog, (id, name) -> {
            index.restore(id, name);
            setState(id, newState(name));
        });
        long[] highestVersion = {0};
        List<PartitionFile> partitions = directory.openPartitions(highestVersion);
        versions.set(highestVersion[0]);
        List<Level0File> level0 = directory.openLevel0();
        level0.forEach(Level0File::seal);
        this.files = new StoreFiles(Map.of(), level0).withPartitions(partitions, List.of());
        long nextLevel0 = level0.isEmpty() ? 1 : level0.get(level0.size() - 1).number() + 1;
        this.active = Level0File.open(directory.level0Path(nextLevel0), nextLevel0);
        long now = nowSeconds();
        this.wal = WriteAheadLog.open(directory.wal, (id, time, value) -> apply(id, time, value, now));
        lock.lock();
        try {
            checkpointLocked();
        } finally {
            lock.unlock();
        }
        this.maintenance = new StoreMaintenance(this);
    }

    /** Opens (creating if needed) the store in the config's directory, replaying its log, and starts maintenance. */
    public static TimeSeriesStore open(TsdbConfig config) {
        TimeSeriesStore store = new TimeSeriesStore(config);
        store.maintenance.start();
        return store;
    }

    @Override
    public int seriesId(String name) {
        String normalized = SeriesNames.normalize(name);
        return index.idOrAdd(normalized, (id, added) -> {
            seriesLog.append(id, added);
            setState(id, newState(added));
        });
    }

    private SeriesState newState(String name) {
        return new SeriesState(
                config.schemas().retentionsFor(name), config.aggregation().ruleFor(name));
    }

    private void setState(int id, SeriesState state) {
        SeriesState[] current = states;
        if (id >= current.length) {
            current = Arrays.copyOf(current, Math.max(id + 1, current.length * 2));
        }
        current[id] = state;
        states = current;
    }

    /** The series of an id, or null when no series has it (see {@link io.calamari.tsdb.storage.SeriesStates}). */
    @org.jspecify.annotations.Nullable
    SeriesState knownState(int id) {
        SeriesState[] current = states;
        return id < current.length ? current[id] : null;
    }

    SeriesState state(int id) {
        SeriesState state = knownState(id);
        if (state == null) {
            throw new IllegalArgumentException("no series with id " + id);
        }
        return state;
    }

    @Override
    public void write(PointBatch batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        long now = nowSeconds();
        lock.lockInterruptibly();
        try {
            while (files.closedLevel0().size() >= TsdbConfig.MAX_PENDING_LEVEL0 && !closed) {
                compacted.await(1, TimeUnit.SECONDS);
            }
            if (closed) {
                throw new IllegalStateException("the metric store is closed");
            }
            wal.append(batch);
            for (int i = 0; i < batch.size(); i++) {
                apply(batch.seriesId(i), batch.timestamp(i), batch.value(i), now);
            }
            if (active.size() > TsdbConfig.LEVEL0_MAX_BYTES || wal.segmentSize() > WAL_MAX_BYTES) {
                checkpointLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Puts one point into its series' head; called under the lock (or alone, during replay). */
    private void apply(int id, long time, double value, long now) {
        SeriesState[] current = states;
        SeriesState state = id < current.length ? current[id] : null;
        if (state == null) {
            return;
        }
        long aligned = time - Math.floorMod(time, state.step());
        if (aligned <= now - state.maxRetention()) {
            pointsTooOld.incrementAndGet();
            return;
        }
        pointsWritten.incrementAndGet();
        if (state.append(aligned, value, TsdbConfig.HEAD_CAPACITY)) {
            seal(id, state);
        }
    }

    /** Writes a series' head as a chunk of the active level-0 file; called under the lock. */
    private void seal(int id, SeriesState state) {
        Points head = state.headPoints();
        state.sealed(active.append(id, head), head.timestamp(0));
    }

    /** Seals all heads, closes the active level-0 file for compaction and drops the log. */
    void checkpoint() {
        lock.lock();
        try {
            if (!closed) {
                checkpointLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkpointLocked() {
        SeriesState[] current = states;
        for (int id = 0; id < current.length; id++) {
            SeriesState state = current[id];
            if (state != null && state.headSize() > 0) {
                seal(id, state);
            }
        }
        seriesLog.sync();
        if (active.size() > 0) {
            active.seal();
            List<Level0File> closedFiles = new ArrayList<>(files.closedLevel0());
            closedFiles.add(active);
            files = files.withClosedLevel0(closedFiles);
            long next = active.number() + 1;
            active = Level0File.open(directory.level0Path(next), next);
            for (SeriesState state : current) {
                if (state != null) {
                    state.newActiveFile();
                }
            }
        }
        wal.checkpoint();
        lastCheckpointMillis = config.clock().millis();
    }

    boolean checkpointDue() {
        return config.clock().millis() - lastCheckpointMillis
                >= config.checkpointInterval().toMillis();
    }

    /** Makes written points durable: names first, so that every id in the log is known after a crash. */
    void sync() {
        seriesLog.sync();
        wal.sync();
    }

    StoreFiles files() {
        return files;
    }

    /** Publishes a new file view (maintenance thread) and wakes writers waiting for compaction. */
    void publish(UnaryOperator<StoreFiles> change) {
        lock.lock();
        try {
            files = change.apply(files);
            compacted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long nextVersion() {
        return versions.incrementAndGet();
    }

    StoreDirectory directory() {
        return directory;
    }

    TsdbConfig config() {
        return config;
    }

    long nowSeconds() {
        return config.clock().millis() / 1000;
    }

    @Override
    public List<String> expand(String pattern) {
        return index.find(pattern).stream()
                .filter(SeriesIndex.PathMatch::leaf)
                .map(SeriesIndex.PathMatch::path)
                .sorted()
                .toList();
    }

    /** Branches and leaves matching a pattern, for {@code /metrics/find}. */
    public List<SeriesIndex.PathMatch> find(String pattern) {
        return index.find(pattern);
    }

    @Override
    public List<String> findTagged(List<String> expressions) {
        return index.findTagged(expressions.stream().map(TagExpression::parse).toList());
    }

    public List<String> tagNames(String prefix, int limit) {
        return index.tagNames(prefix, limit);
    }

    public List<String> tagValues(String tag, String prefix, int limit) {
        return index.tagValues(tag, prefix, limit);
    }

    @Override
    public Optional<FetchedSeries> fetch(String path, long from, long until, long now) {
        if (from > until) {
            throw new IllegalArgumentException("from (" + from + ") is after until (" + until + ")");
        }
        Optional<Integer> id;
        try {
            id = index.id(SeriesNames.normalize(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (id.isEmpty()) {
            return Optional.empty();
        }
        SeriesView view = view(id.get());
        List<Retention> tiers = view.state().tiers();
        long oldest = now - view.state().maxRetention();
        if (from > now || until < oldest) {
            return Optional.empty();
        }
        long start = Math.max(from, oldest);
        long end = Math.min(until, now);
        int tier = 0;
        while (tier < tiers.size() - 1 && tiers.get(tier).duration() < now - start) {
            tier++;
        }
        int step = tiers.get(tier).step();
        long fromInterval = start - Math.floorMod(start, step) + step;
        long untilInterval = end - Math.floorMod(end, step) + step;
        if (fromInterval == untilInterval) {
            untilInterval += step;
        }
        return Optional.of(
                new FetchedSeries(fromInterval, step, TierReader.read(view, tier, fromInterval, untilInterval)));
    }

    private SeriesView view(int id) {
        lock.lock();
        try {
            SeriesState state = state(id);
            return new SeriesView(
                    id, state, files, active, state.activeChunks(), state.activeStart(), state.headPoints());
        } finally {
            lock.unlock();
        }
    }

    /** Figures for /metrics and the benchmark. */
    public Stats stats() {
        StoreFiles current = files;
        return new Stats(
                index.size(),
                pointsWritten.get(),
                pointsTooOld.get(),
                current.allPartitions().size(),
                current.allPartitions().stream().mapToLong(PartitionFile::size).sum(),
                current.closedLevel0().size());
    }

    /** Bytes of every file in the store's directory (walks it: not for frequent calls). */
    public long diskBytes() {
        return directory.diskBytes();
    }

    /** Counters and sizes of the store. */
    public record Stats(
            int series,
            long pointsWritten,
            long pointsTooOld,
            int partitions,
            long partitionBytes,
            int pendingLevel0) {}

    /** Runs compaction and retention now and waits for them (tests, benchmarks). */
    public void compactNow() {
        checkpoint();
        maintenance.runOnce();
    }

    @Override
    public void close() {
        maintenance.close();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            checkpointLocked();
            closed = true;
            compacted.signalAll();
        } finally {
            lock.unlock();
        }
        sync();
        wal.close();
        seriesLog.close();
        active.close();
        StoreFiles last = files;
        last.closedLevel0().forEach(Level0File::close);
        last.allPartitions().forEach(PartitionFile::close);
    }
}
