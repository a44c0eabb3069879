package io.calamari.server;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.protocol.Json;
import io.calamari.server.audit.AuditAction;
import io.calamari.server.audit.AuditLog;
import io.calamari.server.audit.AuditRoutes;
import io.calamari.server.audit.AuditStore;
import io.calamari.server.auth.AuthRoutes;
import io.calamari.server.auth.AuthService;
import io.calamari.server.auth.BasicAuthenticator;
import io.calamari.server.auth.LoginThrottle;
import io.calamari.server.auth.ServerSecret;
import io.calamari.server.auth.SessionService;
import io.calamari.server.auth.SessionStore;
import io.calamari.server.cephconfig.CephConfigRoutes;
import io.calamari.server.cli.CephCli;
import io.calamari.server.cli.CliRoutes;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRegistry;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSummaryRoutes;
import io.calamari.server.cluster.DemoCluster;
import io.calamari.server.cluster.MonitorSettings;
import io.calamari.server.cluster.RefreshTimer;
import io.calamari.server.cluster.SnapshotCodec;
import io.calamari.server.cluster.SnapshotStore;
import io.calamari.server.cluster.SnapshotWriter;
import io.calamari.server.cluster.SyncObjectRoutes;
import io.calamari.server.clusterlog.ClusterLogRoutes;
import io.calamari.server.clusterlog.ClusterLogStream;
import io.calamari.server.clusterlog.ClusterLogTail;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.crush.CrushMapRoutes;
import io.calamari.server.crush.CrushRoutes;
import io.calamari.server.crush.CrushTool;
import io.calamari.server.crush.CrushWriteRoutes;
import io.calamari.server.db.Database;
import io.calamari.server.db.SettingStore;
import io.calamari.server.event.Event;
import io.calamari.server.event.EventDetector;
import io.calamari.server.event.EventLog;
import io.calamari.server.event.EventRoutes;
import io.calamari.server.event.EventStore;
import io.calamari.server.event.EventStream;
import io.calamari.server.event.EventWatcher;
import io.calamari.server.event.Severity;
import io.calamari.server.http.ApiDocsRoutes;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.HttpServer;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.info.HostIdentity;
import io.calamari.server.info.InfoRoutes;
import io.calamari.server.metrics.CarbonListeners;
import io.calamari.server.metrics.GraphiteRoutes;
import io.calamari.server.metrics.LatestValues;
import io.calamari.server.metrics.MetricSampler;
import io.calamari.server.metrics.MetricStoreMeters;
import io.calamari.server.metrics.MetricStores;
import io.calamari.server.metrics.OsdLatencySampler;
import io.calamari.server.mon.MonRoutes;
import io.calamari.server.node.ServerRoutes;
import io.calamari.server.ops.OpsRoutes;
import io.calamari.server.ops.ServerMetrics;
import io.calamari.server.osd.OsdRoutes;
import io.calamari.server.osd.OsdWriteRoutes;
import io.calamari.server.pool.PoolRoutes;
import io.calamari.server.pool.PoolWriteRoutes;
import io.calamari.server.request.RequestRoutes;
import io.calamari.server.request.RequestService;
import io.calamari.server.request.RequestSettings;
import io.calamari.server.request.RequestStore;
import io.calamari.server.user.PasswordHasher;
import io.calamari.server.user.UserRoutes;
import io.calamari.server.user.UserService;
import io.calamari.server.user.UserStore;
import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.query.RenderEngine;
import io.calamari.tsdb.query.function.FunctionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composition root of the server process: builds configuration, database, stores, services and
 * routes in dependency order with {@code new}, starts HTTP at once (so that probes answer), then
 * migrates the database and bootstraps in the background, retrying while the database is away, and
 * opens the API when that is done. Tests build the same graph.
 */
public final class CalamariServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CalamariServer.class);
    /** How often the latest snapshot of each cluster is stored (only its changed parts). */
    private static final Duration SNAPSHOT_WRITE_INTERVAL = Duration.ofSeconds(5);
    /**
     * How long monitoring waits for the database at start, so that stored snapshots can be restored
     * before the first poll (the API waits for the database anyway).
     */
    private static final Duration MONITORING_WAITS_FOR_DATABASE = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final Database database;
    private final SessionService sessions;
    private final ClusterDirectory clusters;
    private final RequestService requests;
    private final EventLog events;
    private final RetentionPruner pruner;
    private final EventStream eventStream;
    private final SnapshotStore snapshotStore;
    private final SnapshotCodec snapshotCodec;
    private final SnapshotWriter snapshots;
    private final ClusterLogStream clusterLogStream;
    private final TimeSeriesStore metricStore;
    private final CarbonListeners carbon;
    private final OsdLatencySampler osdLatencies;
    private final HttpServer http;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch readyLatch = new CountDownLatch(1);
    private final Thread startup;

    private CalamariServer(ServerConfig config, Clock clock, ClusterDirectory clusters, List<RouteGroup> extraRoutes) {
        this.config = requireNonNull(config, "config");
        this.clusters = requireNonNull(clusters, "clusters");
        this.metrics = new ServerMetrics();
        this.database = Database.open(config.database(), metrics.registry());
        JsonMapper mapper = Json.newMapper();
        Requests bodies = new Requests(mapper);
        UserService users = new UserService(new UserStore(database.jdbi()), new PasswordHasher(), clock);
        AtomicReference<ServerSecret> secret = new AtomicReference<>();
        this.sessions = new SessionService(
                new SessionStore(database.jdbi()),
                users,
                () -> requireNonNull(secret.get(), "server secret not loaded yet"),
                clock,
                config.sessionIdleTimeout());
        LoginThrottle throttle = new LoginThrottle(clock);
        AuthService auth = new AuthService(users, sessions, throttle);
        EventStore eventStore = new EventStore(database.jdbi());
        this.eventStream = new EventStream(eventStore, Duration.ofSeconds(15), 200);
        this.clusterLogStream = ClusterLogStream.withDefaults(clusters);
        this.events = new EventLog(
                eventStore, Duration.ofMillis(200), config.retention().events(), clock, eventStream::stored);
        clusters.addListener(
                new EventWatcher(new EventDetector(EventDetector.CALAMARI_CONTACT_THRESHOLD), events, clock));
        this.snapshotStore = new SnapshotStore(database.jdbi());
        this.snapshotCodec = new SnapshotCodec(mapper);
        this.snapshots = new SnapshotWriter(snapshotStore, snapshotCodec, SNAPSHOT_WRITE_INTERVAL, clock);
        clusters.addListener(snapshots);
        clusters.addListener(new RefreshTimer(metrics.registry()));
        this.metricStore = MetricStores.open(config.dataDirectory(), config.metricsSyncInterval(), clock);
        MetricStoreMeters.bind(metricStore, metrics.registry());
        this.carbon = new CarbonListeners(config, metricStore, metrics.registry(), clock);
        clusters.addListener(new MetricSampler(metricStore, clock));
        this.osdLatencies = new OsdLatencySampler(clusters, metricStore, clock);
        RequestStore requestStore = new RequestStore(database.jdbi(), mapper);
        this.requests = new RequestService(
                requestStore,
                clusters,
                clock,
                RequestSettings.defaults().withRequestTimeout(config.requestTimeout()),
                events);
        AuditStore auditStore = new AuditStore(database.jdbi());
        AuditLog audit = new AuditLog(auditStore, new AuditAction(mapper), clock);
        this.pruner = new RetentionPruner(
                List.of(
                        new RetentionPruner.Target(
                                "audit-log entries", config.retention().audit(), auditStore::deleteBefore),
                        new RetentionPruner.Target(
                                "finished requests",
                                config.retention().requests(),
                                requestStore::deleteCompletedBefore)),
                clock);
        this.http = new HttpServer(
                config.bindAddress(),
                config.httpPort(),
                mapper,
                sessions,
                new BasicAuthenticator(users, throttle, clock),
                audit,
                ready::get,
                metrics.registry(),
                concat(
                        List.of(
                                new OpsRoutes(ready::get, metrics.registry()),
                                new InfoRoutes(CalamariVersion.current(), HostIdentity.detect()),
                                new AuthRoutes(auth, sessions, bodies),
                                new UserRoutes(users, bodies),
                                new AuditRoutes(audit),
                                new EventRoutes(eventStore, eventStream, clusters, clock),
                                new ClusterLogRoutes(
                                        clusters,
                                        new ClusterLogTail(clusters, Duration.ofSeconds(10)),
                                        clusterLogStream,
                                        clock),
                                new GraphiteRoutes(
                                        metricStore, new RenderEngine(metricStore, FunctionRegistry.standard()), clock),
                                new ApiDocsRoutes()),
                        concat(
                                clusterRoutes(clusters, clock, requests, bodies, new LatestValues(metricStore, clock)),
                                extraRoutes)));
        this.startup = new Thread(() -> prepareDatabase(users, secret, clock), "startup");
        this.startup.setDaemon(true);
    }

    /** Starts HTTP now and the database preparation in the background; see {@link #awaitReady}. */
    public static CalamariServer start(ServerConfig config, Clock clock) {
        return start(config, clock, List.of());
    }

    /** As {@link #start(ServerConfig, Clock)}, with more routes (tests use it to probe the security gate). */
    public static CalamariServer start(ServerConfig config, Clock clock, List<RouteGroup> extraRoutes) {
        ClusterRegistry clusters = config.demo()
                .map(spec -> DemoCluster.registry(spec, config.dataDirectory(), clock))
                .orElseGet(() -> ClusterRegistry.create(
                        config.cephClusters(), RadosConnector::connect, clock, MonitorSettings.defaults()));
        return start(config, clock, clusters, extraRoutes);
    }

    /**
     * As {@link #start(ServerConfig, Clock)}, reading clusters from {@code clusters} (tests pass fixed
     * snapshots). Monitoring starts once stored snapshots are restored, or without them when the
     * database has not answered for 30 s.
     */
    public static CalamariServer start(
            ServerConfig config, Clock clock, ClusterDirectory clusters, List<RouteGroup> extraRoutes) {
        CalamariServer server = new CalamariServer(config, clock, clusters, extraRoutes);
        try {
            server.http.start();
            server.carbon.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.startup.start();
        log.info(
                "Calamari {} listening on http://{}:{}",
                CalamariVersion.current(),
                config.bindAddress(),
                server.port());
        return server;
    }

    private void prepareDatabase(UserService users, AtomicReference<ServerSecret> secret, Clock clock) {
        Duration retry = Duration.ofSeconds(1);
        long startedNanos = System.nanoTime();
        while (!closed.get()) {
            try {
                int applied = database.migrate();
                log.info(
                        "database {} ready ({} migrations applied)",
                        database.config().describe(),
                        applied);
                restoreSnapshots();
                clusters.startMonitoring();
                osdLatencies.start();
                snapshots.start();
                secret.set(ServerSecret.loadOrCreate(new SettingStore(database.jdbi())));
                new InitialAdmin(users, config.dataDirectory()).createIfNoUsers();
                sessions.start();
                events.start();
                events.record(new Event(
                        clock.instant(),
                        Severity.INFO,
                        "Calamari server started",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
                requests.start();
                pruner.start();
                ready.set(true);
                readyLatch.countDown();
                return;
            } catch (Throwable t) {
                log.error(
                        "database {} not usable yet, retrying in {}s: {}",
                        database.config().describe(),
                        retry.toSeconds(),
                        t.toString());
                if (Duration.ofNanos(System.nanoTime() - startedNanos).compareTo(MONITORING_WAITS_FOR_DATABASE) >= 0) {
                    clusters.startMonitoring(); // without the stored snapshots
                }
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : retry.multipliedBy(2);
            }
        }
    }

    /**
     * Before the monitors' first poll: the clusters whose ceph.conf names their fsid start with the
     * snapshot stored by the previous process, served as stale until the cluster answers.
     */
    private void restoreSnapshots() {
        List<String> restored =
                clusters.restore(fsid -> snapshotStore.load(fsid).flatMap(snapshotCodec::decode));
        if (!restored.isEmpty()) {
            log.info("serving the stored snapshots of {} until the clusters answer", restored);
        }
    }

    /** Waits until the API is open; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return readyLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isReady() {
        return ready.get();
    }

    public int port() {
        return http.port();
    }

    /** The carbon plaintext listener's port, when it is on. */
    public OptionalInt carbonPort() {
        return carbon.plaintextPort();
    }

    /** The carbon pickle listener's port, when it is on. */
    public OptionalInt carbonPicklePort() {
        return carbon.picklePort();
    }

    public List<ApiRouter.Route> routes() {
        return http.routes();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        startup.interrupt();
        eventStream.close();
        clusterLogStream.close();
        http.close();
        requests.close();
        pruner.close();
        events.close();
        if (clusters instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        snapshots.close();
        osdLatencies.close();
        carbon.close();
        metricStore.close();
        sessions.close();
        database.close();
        metrics.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", closeable, e.toString());
        }
    }

    /** The API over monitored clusters: reads from the snapshots, changes as requests. */
    private static List<RouteGroup> clusterRoutes(
            ClusterDirectory clusters, Clock clock, RequestService requests, Requests bodies, LatestValues latest) {
        CrushTool crushTool = CrushTool.onPath();
        return List.of(
                new RequestRoutes(requests, clusters, clock),
                new CliRoutes(clusters, new CephCli(clusters, Duration.ofSeconds(30)), bodies, clock),
                new PoolWriteRoutes(clusters, requests, bodies, clock),
                new OsdWriteRoutes(clusters, requests, bodies, clock),
                new CrushWriteRoutes(clusters, requests, bodies, clock, crushTool),
                new ClusterRoutes(clusters, clock),
                new SyncObjectRoutes(clusters, clock),
                new CrushRoutes(clusters, clock),
                new CrushMapRoutes(clusters, clock, crushTool),
                new MonRoutes(clusters, clock),
                new CephConfigRoutes(clusters, clock),
                new ServerRoutes(clusters, clock),
                new ClusterSummaryRoutes(clusters, latest, clock),
                new OsdRoutes(clusters, clock),
                new PoolRoutes(clusters, latest, clock));
    }

    private static List<RouteGroup> concat(List<RouteGroup> first, List<RouteGroup> second) {
        List<RouteGroup> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
