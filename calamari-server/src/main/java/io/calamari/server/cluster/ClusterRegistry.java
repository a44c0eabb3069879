package io.calamari.server.cluster;

import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.server.config.CephClusterConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters this server monitors: one {@link ClusterMonitor} per configured ceph.conf, each
 * listed by the fsid of its latest snapshot. Thread-safe; reads never block on Ceph.
 */
public final class ClusterRegistry implements ClusterDirectory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final Pattern FSID = Pattern.compile("^\\s*fsid\\s*=\\s*([0-9a-fA-F-]{36})\\s*$", Pattern.MULTILINE);

    private final List<ClusterMonitor> monitors = new CopyOnWriteArrayList<>();
    private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();

    /** Hands what every monitor reports to the listeners registered then. */
    private final SnapshotListener forwarder = new SnapshotListener() {
        @Override
        public void published(Optional<ClusterSnapshot> previous, ClusterSnapshot next) {
            listeners.forEach(listener -> listener.published(previous, next));
        }

        @Override
        public void refreshed(Optional<ClusterSnapshot> previous, ClusterSnapshot next, Duration took) {
            listeners.forEach(listener -> listener.refreshed(previous, next, took));
        }
    };

    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    private ClusterRegistry() {}

    /** Starts monitoring every configured cluster. */
    public static ClusterRegistry start(
            List<CephClusterConfig> clusters,
            Function<ClusterConnection, RadosClient> connector,
            Clock clock,
            MonitorSettings settings) {
        ClusterRegistry registry = create(clusters, connector, clock, settings);
        registry.startMonitoring();
        return registry;
    }

    /**
     * A monitor for every configured cluster, not polling yet, so that stored snapshots can be
     * {@linkplain #restore restored} first; see {@link #startMonitoring()}.
     */
    public static ClusterRegistry create(
            List<CephClusterConfig> clusters,
            Function<ClusterConnection, RadosClient> connector,
            Clock clock,
            MonitorSettings settings) {
        ClusterRegistry registry = new ClusterRegistry();
        for (CephClusterConfig cluster : clusters) {
            ClusterConnection connection = new ClusterConnection(
                    cluster.confFile(), cluster.keyring(), cluster.clientName(), settings.commandTimeout());
            ClusterMonitor monitor = new ClusterMonitor(
                    clusterName(cluster.confFile()),
                    connection,
                    fsidOf(cluster.confFile()),
                    connector,
                    clock,
                    settings,
                    registry.forwarder);
            registry.monitors.add(monitor);
        }
        return registry;
    }

    @Override
    public List<String> restore(Function<String, Optional<ClusterSnapshot>> stored) {
        List<String> restored = new ArrayList<>();
        for (ClusterMonitor monitor : monitors) {
            Optional<String> fsid = monitor.current().map(ClusterSnapshot::fsid);
            try {
                Optional<ClusterSnapshot> snapshot = fsid.flatMap(stored);
                if (snapshot.isPresent() && monitor.restore(snapshot.get())) {
                    restored.add(snapshot.get().fsid());
                }
            } catch (RuntimeException e) {
                log.warn("cannot restore the stored snapshot of cluster {}: {}", fsid.orElse("?"), e.toString());
            }
        }
        return List.copyOf(restored);
    }

    @Override
    public void startMonitoring() {
        monitors.forEach(ClusterMonitor::start);
    }

    @Override
    public List<ClusterSnapshot> clusters() {
        return monitors.stream()
                .flatMap(monitor -> monitor.current().stream())
                .sorted(Comparator.comparing(ClusterSnapshot::fsid))
                .toList();
    }

    @Override
    public Optional<ClusterSnapshot> cluster(String fsid) {
        return monitor(fsid).flatMap(ClusterMonitor::current);
    }

    @Override
    public void addListener(SnapshotListener listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<ClusterCommands> commands(String fsid) {
        return monitor(fsid).map(ClusterMonitor::commands);
    }

    @Override
    public Optional<Supplier<RadosClient>> connector(String fsid) {
        return monitor(fsid).map(monitor -> monitor::connect);
    }

    @Override
    public boolean forget(String fsid) {
        Optional<ClusterMonitor> monitor = monitor(fsid);
        monitor.ifPresent(found -> {
            monitors.remove(found);
            found.close();
        });
        return monitor.isPresent();
    }

    /** Closes {@code resource} (something the clusters' connector needs) after the monitors. */
    void closeWith(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
    public void close() {
        monitors.forEach(ClusterMonitor::close);
        monitors.clear();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resource, e.toString());
            }
        }
        resources.clear();
    }

    private Optional<ClusterMonitor> monitor(String fsid) {
        return monitors.stream()
                .filter(monitor -> monitor.current()
                        .map(ClusterSnapshot::fsid)
                        .filter(fsid::equals)
                        .isPresent())
                .findFirst();
    }

    /** The fsid a ceph.conf names, if it names one. */
    static Optional<String> fsidOf(Path confFile) {
        try {
            Matcher matcher = FSID.matcher(Files.readString(confFile, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Ceph's convention: {@code NAME.conf} configures cluster NAME. */
    static String clusterName(Path confFile) {
        String file = String.valueOf(confFile.getFileName());
        return file.endsWith(".conf") && file.length() > ".conf".length()
                ? file.substring(0, file.length() - 5)
                : "ceph";
    }
}
