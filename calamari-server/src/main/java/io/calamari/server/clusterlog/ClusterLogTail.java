package io.calamari.server.clusterlog;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand;
import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.parse.CephParseException;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosException;
import io.calamari.server.cluster.ClusterCommands;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest lines of a cluster's log, asked from its monitors with {@code log last} on the
 * cluster's command connection, each call bounded by a timeout. Where Calamari read the tail of
 * {@code ceph.log} on a monitor host, the monitors answer from the entries they keep in memory: the
 * last {@code mon_log_max_summary} (50 by default) of each channel, of every level, so a filtered
 * answer may hold fewer lines than asked for. Thread-safe.
 */
public final class ClusterLogTail {
    static final String UNAVAILABLE = "mon log data unavailable";
    private static final Logger log = LoggerFactory.getLogger(ClusterLogTail.class);

    private final ClusterDirectory clusters;
    private final Duration timeout;

    public ClusterLogTail(ClusterDirectory clusters, Duration timeout) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /**
     * The newest {@code lines} entries that pass {@code filter}, oldest first.
     *
     * @throws CalamariException 503 "mon log data unavailable" when the monitors do not answer, refuse
     *     or answer something unreadable
     */
    public List<ClusterLogEntry> tail(String fsid, int lines, ClusterLogFilter filter) {
        ClusterCommands channel = clusters.commands(fsid).orElseThrow(ClusterLogTail::unavailable);
        CephCommand<List<ClusterLogEntry>> command = CephCommands.logLast(lines, filter.level(), filter.channel());
        CommandResult result;
        try {
            result = channel.send(command.target(), command.arguments(), new byte[0], timeout);
        } catch (RadosException e) {
            log.debug("'log last' for cluster {} got no answer: {}", fsid, e.getMessage());
            throw unavailable();
        }
        if (!result.succeeded()) {
            log.warn("'log last' for cluster {} refused: {}", fsid, result.errorText());
            throw unavailable();
        }
        try {
            return command.parser().apply(result.output());
        } catch (CephParseException e) {
            log.warn("'log last' for cluster {}: {}", fsid, e.getMessage());
            throw unavailable();
        }
    }

    private static CalamariException unavailable() {
        return new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE);
    }
}
