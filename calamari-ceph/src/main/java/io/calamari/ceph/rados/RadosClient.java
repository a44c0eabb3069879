package io.calamari.ceph.rados;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A connection to one Ceph cluster that sends JSON commands to its monitors, its active manager and its OSDs, as
 * the {@code ceph} CLI does, and that can follow the cluster log ({@link #monitorLog}).
 *
 * <p>A command is a map serialized to JSON, for example {@code {"prefix": "osd dump", "format": "json"}}. Ceph's
 * answer, including a refusal such as an unknown command ({@code -22 EINVAL}), comes back as a {@link CommandResult}
 * with its negative return code; use {@link CommandResult#requireSuccess()} to turn that into a
 * {@link RadosException}. Exceptions are thrown only when no answer arrives: {@link RadosTimeoutException} when
 * {@code timeout} passes (or the client is busy with hung calls), {@link RadosException} when the client is closed.
 *
 * <p>Thread-safety: implementations are thread-safe; calls may overlap.
 */
public interface RadosClient extends AutoCloseable {

    /** Sends {@code command} to the monitors (the {@code ceph} CLI's default target). */
    default CommandResult monCommand(Map<String, Object> command, Duration timeout) {
        return monCommand(command, new byte[0], timeout);
    }

    /**
     * Sends {@code command} to the monitors with an input buffer, as {@code ceph … -i FILE} does (for example the
     * compiled map of {@code osd setcrushmap}).
     */
    CommandResult monCommand(Map<String, Object> command, byte[] input, Duration timeout);

    /** Sends {@code command} to the active manager daemon. */
    CommandResult mgrCommand(Map<String, Object> command, Duration timeout);

    /** Sends {@code command} to the daemon {@code osd.<osdId>}, as {@code ceph tell osd.N} does. */
    CommandResult osdCommand(int osdId, Map<String, Object> command, Duration timeout);

    /**
     * Follows the cluster log, as {@code ceph -w} does: from now on {@code listener} is called with
     * every entry of at least {@code level}, of every channel, until the returned subscription or the
     * client is closed. The monitors may first send a few entries logged just before. A client
     * follows the log for one listener at a time: subscribing again replaces the earlier
     * subscription, whose listener is not called any more. While the monitors are out of reach
     * nothing is delivered; librados subscribes again by itself once it reaches one.
     *
     * <p>The listener runs on a librados thread, one entry at a time: it must return quickly and
     * must not call this client. What it throws is logged and dropped.
     *
     * @throws UnsupportedOperationException if this client cannot follow the log (the default)
     * @throws RadosException if the client is closed or librados refuses
     */
    default LogSubscription monitorLog(ClusterLogLevel level, Consumer<ClusterLogEntry> listener) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot follow the cluster log");
    }

    /** Returns the cluster's fsid, for example {@code 2a3c3f5e-...}, as read when connecting. */
    String fsid();

    /** Disconnects from the cluster. Safe to call more than once; later commands throw {@link RadosException}. */
    @Override
    void close();
}
