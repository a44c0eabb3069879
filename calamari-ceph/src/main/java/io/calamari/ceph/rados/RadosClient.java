package io.calamari.ceph.rados;

import java.time.Duration;
import java.util.Map;

/**
 * A connection to one Ceph cluster that sends JSON commands to its monitors, its active manager and its OSDs, as
 * the {@code ceph} CLI does.
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

    /** Returns the cluster's fsid, for example {@code 2a3c3f5e-...}, as read when connecting. */
    String fsid();

    /** Disconnects from the cluster. Safe to call more than once; later commands throw {@link RadosException}. */
    @Override
    void close();
}
