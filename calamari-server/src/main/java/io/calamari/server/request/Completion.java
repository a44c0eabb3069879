package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * When a request whose commands all succeeded is complete: at once, or only once the server's own
 * snapshot shows the change (read-your-writes), as Calamari's request classes did. Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Completion.CommandsReturned.class, name = "commands_returned"),
    @JsonSubTypes.Type(value = Completion.OsdMapCaughtUp.class, name = "osd_map_caught_up"),
    @JsonSubTypes.Type(value = Completion.PoolCreated.class, name = "pool_created"),
    @JsonSubTypes.Type(value = Completion.PoolPlacementGroups.class, name = "pool_placement_groups")
})
public sealed interface Completion {
    /** Complete when Ceph has answered every command (scrub, repair...: nothing to wait for). */
    record CommandsReturned() implements Completion {}

    /** Complete when the snapshot's OSD map has reached the epoch Ceph reported after the commands. */
    record OsdMapCaughtUp() implements Completion {}

    /** As {@link OsdMapCaughtUp}, then until the new pool's PGs ({@code pgNum} of them) are active. */
    record PoolCreated(String name, int pgNum) implements Completion {
        public PoolCreated {
            requireNonNull(name, "name");
        }
    }

    /**
     * As {@link OsdMapCaughtUp}, then until Ceph has stepped the pool's {@code pg_num} and
     * {@code pgp_num} to their targets and all its PGs are active.
     */
    record PoolPlacementGroups(int poolId, int pgNum, int pgpNum) implements Completion {}
}
