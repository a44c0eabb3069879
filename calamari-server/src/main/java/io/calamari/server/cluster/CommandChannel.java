package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's {@link ClusterCommands}: its own librados connection, opened on first use and again
 * after a failure, so that management commands never queue behind the monitor's polling (or the
 * other way round). Thread-safe.
 */
final class CommandChannel implements ClusterCommands, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandChannel.class);

    private final ClusterConnection connection;
    private final Function<ClusterConnection, RadosClient> connector;
    private final Runnable refresh;
    private final Runnable refreshPlacementGroups;
    private @Nullable RadosClient client;
    private boolean closed;

    CommandChannel(
            ClusterConnection connection,
            Function<ClusterConnection, RadosClient> connector,
            Runnable refresh,
            Runnable refreshPlacementGroups) {
        this.connection = requireNonNull(connection, "connection");
        this.connector = requireNonNull(connector, "connector");
        this.refresh = requireNonNull(refresh, "refresh");
        this.refreshPlacementGroups = requireNonNull(refreshPlacementGroups, "refreshPlacementGroups");
    }

    @Override
    public CommandResult send(Target target, Map<String, Object> arguments, byte[] input, Duration timeout) {
        RadosClient rados = client();
        try {
            return switch (target) {
                case MON -> rados.monCommand(arguments, input, timeout);
                case MGR -> rados.mgrCommand(arguments, timeout);
            };
        } catch (RadosException e) {
            // No answer: the next command gets a new connection rather than a possibly broken one.
            drop(rados);
            throw e;
        }
    }

    @Override
    public void refreshNow() {
        refresh.run();
    }

    @Override
    public void refreshPlacementGroupsNow() {
        refreshPlacementGroups.run();
    }

    private synchronized RadosClient client() {
        if (closed) {
            throw new RadosException("the cluster " + connection.confFile() + " is no longer monitored", 0, "");
        }
        RadosClient open = client;
        if (open == null) {
            open = connector.apply(connection);
            client = open;
        }
        return open;
    }

    private void drop(RadosClient failed) {
        synchronized (this) {
            if (client != failed) {
                return;
            }
            client = null;
        }
        closeQuietly(failed);
    }

    @Override
    public void close() {
        RadosClient open;
        synchronized (this) {
            closed = true;
            open = client;
            client = null;
        }
        if (open != null) {
            closeQuietly(open);
        }
    }

    private void closeQuietly(RadosClient rados) {
        try {
            rados.close();
        } catch (RuntimeException e) {
            log.debug("closing the command connection to {} failed: {}", connection.confFile(), e.toString());
        }
    }
}
