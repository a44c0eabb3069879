package io.calamari.server.cluster;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.rados.CommandResult;
import java.time.Duration;
import java.util.Map;

/**
 * The way to change one cluster: send a command to its monitors or manager, then ask its monitor
 * for a fresh snapshot so that the change shows up without waiting for the next poll. Implementations
 * are thread-safe; {@link #send} blocks for at most {@code timeout}.
 */
public interface ClusterCommands {
    /**
     * Sends one command. Ceph's refusals come back as a result with a negative return code; an
     * exception means no answer (timeout, or the cluster cannot be reached).
     *
     * @param input the input buffer ({@code ceph … -i FILE}); empty for most commands
     */
    CommandResult send(Target target, Map<String, Object> arguments, byte[] input, Duration timeout);

    /** Asks for a new snapshot as soon as possible; several calls in a row cause one refresh. */
    void refreshNow();

    /**
     * As {@link #refreshNow()}, with a fresh PG summary even if the last one is younger than the
     * monitor's usual minimum interval (for requests waiting for PGs; at most about once a second).
     */
    void refreshPlacementGroupsNow();
}
