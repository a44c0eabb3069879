package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand;
import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.PgStateCount;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.PlacementGroupTable;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one cluster. Every poll interval it asks for {@code status} (map epochs, health summary,
 * PG state totals) and fetches only the parts whose version moved: the OSD map with its tree, CRUSH
 * map and metadata when the OSD map epoch changes, the mon map, quorum and FS map on their epochs,
 * health detail when the summary changes, the PG summary when PG states change (at most every few
 * seconds), space and configuration on timers. It then publishes a new immutable
 * {@link ClusterSnapshot}. When the cluster does not answer, the last snapshot stays readable,
 * marked unreachable, and the monitor reconnects with back-off. Before it starts, it can be given
 * the snapshot a previous server process stored ({@link #restore}), which it serves, marked
 * restored, until the first answer replaces it whole. One daemon thread per cluster; every
 * command is bounded by the settings' timeout. Thread-safe.
 */
public final class ClusterMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterMonitor.class);
    /** The shortest interval between PG summaries fetched because a request waits for PGs. */
    private static final Duration WANTED_PG_INTERVAL = Duration.ofSeconds(1);
    /** The longest the PG states are taken from {@code pg ls} over one whole PG dump before the next. */
    private static final Duration PG_DUMP_MAXIMUM_AGE = Duration.ofMinutes(5);

    private static final int EINVAL = 22;

    private final String name;
    private final ClusterConnection connection;
    private final Function<ClusterConnection, RadosClient> connector;
    private final Clock clock;
    private final MonitorSettings settings;
    private final SnapshotListener listener;
    private final AtomicReference<@Nullable ClusterSnapshot> snapshot = new AtomicReference<>();
    private final ScheduledExecutorService executor;
    private final CommandChannel commands;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final AtomicBoolean placementGroupsWanted = new AtomicBoolean();
    private boolean started; // guarded by this

    // State of the polling loop, touched only by the monitor's thread.
    private @Nullable RadosClient client;
    private Instant nextConnectAttempt = Instant.MIN;
    private Duration backoff = Duration.ofSeconds(1);
    private Instant lastPgFetch = Instant.MIN;
    private String lastPgDigest = "";
    private long pgOsdMapEpoch = -1;
    /** The PGs of the last PG summary, the OSD map epoch they were read at, and the last whole dump. */
    private @Nullable PlacementGroupTable pgTable;

    private long pgTableEpoch = -1;
    private Instant pgTableFetched = Instant.MIN;
    private boolean pgListSupported = true;
    /** Whether the last round left a due PG summary to this one; it is deferred only once in a row. */
    private boolean pgSummaryDeferred;

    private Instant lastDfFetch = Instant.MIN;
    private Instant lastConfigFetch = Instant.MIN;
    private Instant lastHealthFetch = Instant.MIN;
    private @Nullable Object lastHealthSummary;
    private @Nullable String lastError;

    /**
     * @param name the cluster's name (Ceph's {@code --cluster}, usually {@code ceph})
     * @param knownFsid the fsid from ceph.conf, so the cluster is listed before it ever answers
     */
    public ClusterMonitor(
            String name,
            ClusterConnection connection,
            Optional<String> knownFsid,
            Function<ClusterConnection, RadosClient> connector,
            Clock clock,
            MonitorSettings settings,
            SnapshotListener listener) {
        this.name = requireNonNull(name, "name");
        this.connection = requireNonNull(connection, "connection");
        this.connector = requireNonNull(connector, "connector");
        this.clock = requireNonNull(clock, "clock");
        this.settings = requireNonNull(settings, "settings");
        this.listener = requireNonNull(listener, "listener");
        knownFsid.ifPresent(
                fsid -> snapshot.set(ClusterSnapshot.unreached(fsid, name, clock.instant(), "not contacted yet")));
        String threadName = "cluster-monitor-" + connection.confFile().getFileName();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.commands = new CommandChannel(connection, connector, this::refreshNow, () -> {
            placementGroupsWanted.set(true);
            refreshNow();
        });
    }

    /** Starts polling; calls after the first do nothing. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        executor.scheduleWithFixedDelay(
                this::pollQuietly, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Serves {@code stored}, a snapshot of this cluster a previous server process persisted, until
     * the cluster first answers: marked restored and unreachable, with the update time it had. Only
     * before {@link #start()} and only for the fsid ceph.conf names (a conf without one could point
     * at another cluster); returns whether the snapshot was taken.
     */
    public synchronized boolean restore(ClusterSnapshot stored) {
        ClusterSnapshot current = snapshot.get();
        if (started || current == null || !current.fsid().equals(stored.fsid())) {
            return false;
        }
        snapshot.set(stored.asRestored("not contacted yet since the server started"));
        return true;
    }

    /** The latest snapshot, once the fsid is known (from ceph.conf or the first answer). */
    public Optional<ClusterSnapshot> current() {
        return Optional.ofNullable(snapshot.get());
    }

    public ClusterConnection connection() {
        return connection;
    }

    /** Commands to this cluster, on a connection of their own. */
    public ClusterCommands commands() {
        return commands;
    }

    /** Opens a new connection to this cluster, owned by the caller; blocks up to the command timeout. */
    public RadosClient connect() {
        return connector.apply(connection);
    }

    /** Polls as soon as the monitor's thread is free; calls made while one is pending are merged. */
    void refreshNow() {
        if (!refreshPending.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                refreshPending.set(false);
                pollQuietly();
            });
        } catch (RejectedExecutionException e) {
            refreshPending.set(false);
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (Throwable t) {
            log.error("cluster monitor {} failed unexpectedly", connection.confFile(), t);
        }
    }

    /** One round: contact, compare versions, fetch what changed, publish. Package-private for tests. */
    void poll() {
        Instant now = clock.instant();
        RadosClient rados;
        try {
            rados = connected(now);
        } catch (RuntimeException e) {
            failed(now, e);
            return;
        }
        if (rados == null) {
            return;
        }
        try {
            long started = System.nanoTime();
            Optional<ClusterSnapshot> previous = Optional.ofNullable(snapshot.get());
            ClusterSnapshot next = refresh(rados, now);
            publish(next);
            refreshed(previous, next, Duration.ofNanos(System.nanoTime() - started));
            backoff = Duration.ofSeconds(1);
            if (lastError != null) {
                log.info("cluster {} reachable again", connection.confFile());
                lastError = null;
            }
        } catch (RuntimeException e) {
            failed(now, e);
        }
    }

    private @Nullable RadosClient connected(Instant now) {
        if (client != null) {
            return client;
        }
        if (now.isBefore(nextConnectAttempt)) {
            return null;
        }
        client = connector.apply(connection);
        return client;
    }

    private ClusterSnapshot refresh(RadosClient rados, Instant now) {
        ClusterStatus status = run(rados, CephCommands.status());
        Instant fetched = clock.instant();
        @Nullable ClusterSnapshot previous = snapshot.get();
        if (previous != null
                && !previous.fsid().equals(status.fsid())
                && previous.status().isPresent()
                && !previous.restored()) {
            throw new IllegalStateException("cluster fsid changed from " + previous.fsid() + " to " + status.fsid());
        }
        ClusterSnapshot before = parts(previous);
        VersionedMaps maps = refreshVersionedMaps(rados, status, before);
        return new ClusterSnapshot(
                status.fsid(),
                name,
                fetched,
                true,
                Optional.empty(),
                false,
                Optional.of(new Part<>(status, status.osdMapEpoch(), fetched)),
                maps.osdMap(),
                maps.monMap(),
                maps.quorum(),
                maps.fsMap(),
                refreshHealth(rados, status, before.health(), now),
                refreshConfig(rados, maps.monMap(), before.config(), now),
                refreshDf(rados, before.df(), now),
                refreshPgSummary(
                        rados,
                        status,
                        before.pgSummary(),
                        !maps.osdMap().map(Part::version).equals(before.osdMap().map(Part::version)),
                        now));
    }

    /** The parts Ceph versions with an epoch. */
    private record VersionedMaps(
            Optional<Part<OsdMapPart>> osdMap,
            Optional<Part<MonMap>> monMap,
            Optional<Part<QuorumStatus>> quorum,
            Optional<Part<FsMap>> fsMap) {}

    /** The maps Ceph versions with an epoch: fetched again only when the status shows a new one. */
    private VersionedMaps refreshVersionedMaps(RadosClient rados, ClusterStatus status, ClusterSnapshot before) {
        Optional<Part<OsdMapPart>> osdMap = before.osdMap();
        if (osdMap.isEmpty() || osdMap.get().version() != status.osdMapEpoch()) {
            osdMap = Optional.of(fetchOsdMap(rados));
        }
        Optional<Part<MonMap>> monMap = before.monMap();
        if (monMap.isEmpty() || monMap.get().version() != status.monMapEpoch()) {
            MonMap map = run(rados, CephCommands.monDump());
            monMap = Optional.of(new Part<>(map, map.epoch(), clock.instant()));
        }
        Optional<Part<QuorumStatus>> quorum = before.quorum();
        if (quorum.isEmpty() || quorum.get().version() != status.electionEpoch()) {
            QuorumStatus value = run(rados, CephCommands.quorumStatus());
            quorum = Optional.of(new Part<>(value, value.electionEpoch(), clock.instant()));
        }
        Optional<Part<FsMap>> fsMap = before.fsMap();
        if (fsMap.isEmpty() || fsMap.get().version() != status.fsMapEpoch()) {
            FsMap value = run(rados, CephCommands.fsDump());
            fsMap = Optional.of(new Part<>(value, value.epoch(), clock.instant()));
        }
        return new VersionedMaps(osdMap, monMap, quorum, fsMap);
    }

    /** Health detail: when the summary in the status changes, and now and then for new detail lines. */
    private Optional<Part<HealthReport>> refreshHealth(
            RadosClient rados, ClusterStatus status, Optional<Part<HealthReport>> health, Instant now) {
        if (health.isPresent()
                && status.health().equals(lastHealthSummary)
                && !due(lastHealthFetch, settings.healthRefreshInterval(), now)) {
            return health;
        }
        long version = health.map(part -> part.version() + 1).orElse(1L);
        lastHealthSummary = status.health();
        lastHealthFetch = now;
        return Optional.of(new Part<>(run(rados, CephCommands.healthDetail()), version, clock.instant()));
    }

    private Optional<Part<ClusterDf>> refreshDf(RadosClient rados, Optional<Part<ClusterDf>> df, Instant now) {
        if (df.isPresent() && !due(lastDfFetch, settings.dfInterval(), now)) {
            return df;
        }
        lastDfFetch = now;
        return optional(rados, CephCommands.df(), df);
    }

    /**
     * The PG summary: when PG states or the OSD map changed, at most every few seconds. A round
     * that fetched a new OSD map leaves the PG summary to the next round (unless a request waits
     * for PGs), so that a new map is published without waiting for the PG dump, which is the
     * costliest answer of a large cluster.
     */
    private Optional<Part<PgSummary>> refreshPgSummary(
            RadosClient rados,
            ClusterStatus status,
            Optional<Part<PgSummary>> pgSummary,
            boolean osdMapFetched,
            Instant now) {
        String digest = status.pgsByState().toString();
        boolean changed = !digest.equals(lastPgDigest) || pgOsdMapEpoch != status.osdMapEpoch();
        boolean wanted = placementGroupsWanted.get() && due(lastPgFetch, WANTED_PG_INTERVAL, now);
        boolean due = changed && due(lastPgFetch, settings.pgSummaryMinimumInterval(), now);
        boolean deferred = due && osdMapFetched && !pgSummaryDeferred;
        if (pgSummary.isPresent() && !wanted && (!due || deferred)) {
            pgSummaryDeferred = deferred;
            return pgSummary;
        }
        pgSummaryDeferred = false;
        placementGroupsWanted.set(false);
        lastPgDigest = digest;
        pgOsdMapEpoch = status.osdMapEpoch();
        lastPgFetch = now;
        try {
            PlacementGroupTable table = uncleanOnly(rados, status, now).orElseGet(() -> {
                PlacementGroupTable all = run(rados, CephCommands.placementGroups());
                pgTableFetched = now;
                return all;
            });
            pgTable = table;
            pgTableEpoch = status.osdMapEpoch();
            return Optional.of(new Part<>(
                    table.summary(), pgSummary.map(part -> part.version() + 1).orElse(1L), clock.instant()));
        } catch (RadosException e) {
            log.debug(
                    "cluster {}: the PG dump failed, keeping the previous summary: {}",
                    connection.confFile(),
                    e.getMessage());
            return pgSummary;
        }
    }

    /**
     * The PGs from the last whole dump with the states of those {@code pg ls} lists as not only
     * {@code active+clean}: a few kilobytes instead of the whole dump when a large cluster is mostly
     * clean. Empty, meaning fetch everything, when there is no dump of the same OSD map epoch (acting
     * sets move only with the OSD map) younger than {@link #PG_DUMP_MAXIMUM_AGE}, when more than a
     * twentieth of the PGs are unclean (then {@code pg ls}, a few kB per PG, costs more than the
     * dump), or when the listed PGs do not add up to the status's counts.
     */
    private Optional<PlacementGroupTable> uncleanOnly(RadosClient rados, ClusterStatus status, Instant now) {
        PlacementGroupTable base = pgTable;
        if (base == null
                || !pgListSupported
                || pgTableEpoch != status.osdMapEpoch()
                || base.size() != status.placementGroupCount()
                || due(pgTableFetched, PG_DUMP_MAXIMUM_AGE, now)) {
            return Optional.empty();
        }
        long clean = status.pgsByState().stream()
                .filter(count -> count.state().equals(PlacementGroupTable.ACTIVE_CLEAN))
                .mapToLong(PgStateCount::count)
                .sum();
        long unclean = status.placementGroupCount() - clean;
        if (unclean > Math.max(1000, status.placementGroupCount() / 20)) {
            return Optional.empty();
        }
        PlacementGroupTable listed;
        try {
            listed = run(rados, CephCommands.uncleanPlacementGroups());
        } catch (RadosException e) {
            if (e.errno() == -EINVAL) {
                log.info(
                        "cluster {}: 'pg ls' refused ({}); fetching the whole PG dump from now on",
                        connection.confFile(),
                        e.getMessage());
                pgListSupported = false;
            }
            return Optional.empty();
        }
        return listed.size() == unclean ? base.withOnlyUnclean(listed) : Optional.empty();
    }

    /** The first mon's running configuration, on a timer. */
    private Optional<Part<Map<String, String>>> refreshConfig(
            RadosClient rados, Optional<Part<MonMap>> monMap, Optional<Part<Map<String, String>>> config, Instant now) {
        if (config.isPresent() && !due(lastConfigFetch, settings.configInterval(), now)) {
            return config;
        }
        lastConfigFetch = now;
        Optional<String> mon =
                monMap.flatMap(part -> part.value().mons().stream().findFirst()).map(Mon::name);
        return mon.isPresent() ? optional(rados, CephCommands.configShow("mon." + mon.get()), config) : config;
    }

    private Part<OsdMapPart> fetchOsdMap(RadosClient rados) {
        OsdMap map = run(rados, CephCommands.osdDump());
        OsdMapPart part = OsdMapPart.of(
                map,
                run(rados, CephCommands.osdTree(map.epoch())),
                run(rados, CephCommands.crushDump()),
                run(rados, CephCommands.osdMetadata()),
                optional(rados, CephCommands.compiledCrushMap(map.epoch()), Optional.<Part<byte[]>>empty())
                        .map(compiled -> new CompiledCrushMap(compiled.value())));
        return new Part<>(part, map.epoch(), clock.instant());
    }

    /**
     * A part the manager provides: when the manager does not answer, the last value stays (and the
     * cluster is not marked unreachable for it).
     */
    private <T> Optional<Part<T>> optional(RadosClient rados, CephCommand<T> command, Optional<Part<T>> previous) {
        try {
            T value = run(rados, command);
            return Optional.of(
                    new Part<>(value, previous.map(part -> part.version() + 1).orElse(1L), clock.instant()));
        } catch (RadosException e) {
            log.debug(
                    "cluster {}: '{}' failed, keeping the previous value: {}",
                    connection.confFile(),
                    command.prefix(),
                    e.getMessage());
            return previous;
        }
    }

    private <T> T run(RadosClient rados, CephCommand<T> command) {
        return command.run(rados, settings.commandTimeout());
    }

    private static boolean due(Instant last, Duration interval, Instant now) {
        return last.equals(Instant.MIN) || !now.isBefore(last.plus(interval));
    }

    /**
     * The parts the next snapshot may keep. None of a restored snapshot: the first answer after a
     * restart fetches every part, so that nothing stored is ever served as fresh.
     */
    private ClusterSnapshot parts(@Nullable ClusterSnapshot previous) {
        return previous != null && !previous.restored()
                ? previous
                : ClusterSnapshot.unreached("", name, clock.instant(), "");
    }

    private void publish(ClusterSnapshot next) {
        ClusterSnapshot previous = snapshot.getAndSet(next);
        try {
            listener.published(Optional.ofNullable(previous), next);
        } catch (RuntimeException e) {
            log.error("a snapshot listener failed for {}", connection.confFile(), e);
        }
    }

    private void refreshed(Optional<ClusterSnapshot> previous, ClusterSnapshot next, Duration took) {
        try {
            listener.refreshed(previous, next, took);
        } catch (RuntimeException e) {
            log.error("a snapshot listener failed for {}", connection.confFile(), e);
        }
    }

    private void failed(Instant now, RuntimeException e) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!error.equals(lastError)) {
            log.warn(
                    "cluster {} not reachable, retrying in {}s: {}", connection.confFile(), backoff.toSeconds(), error);
        }
        lastError = error;
        ClusterSnapshot previous = snapshot.get();
        if (previous != null) {
            publish(previous.unreachable(error));
        }
        disconnect();
        nextConnectAttempt = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maximumBackoff()) > 0 ? settings.maximumBackoff() : doubled;
    }

    private void disconnect() {
        RadosClient open = client;
        client = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                log.debug("closing the connection to {} failed: {}", connection.confFile(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(settings.commandTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
        commands.close();
    }
}
