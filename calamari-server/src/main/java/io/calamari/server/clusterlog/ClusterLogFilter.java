package io.calamari.server.clusterlog;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import java.util.List;

/**
 * Which cluster-log entries a client wants: one channel ({@code cluster}, {@code audit},
 * {@code cephadm}) or all ({@code *}), at least one level. The same meaning as the arguments of
 * Ceph's {@code log last}. Immutable.
 */
public record ClusterLogFilter(String channel, ClusterLogLevel level) {
    /** Every channel. */
    public static final String ALL_CHANNELS = "*";
    /** The channels {@code log last} accepts, in Pacific. */
    public static final List<String> CHANNELS = List.of("cluster", "audit", "cephadm", ALL_CHANNELS);
    /** What Calamari showed: the cluster channel (its {@code ceph.log}), at {@code info} and above. */
    public static final ClusterLogFilter DEFAULT = new ClusterLogFilter("cluster", ClusterLogLevel.INFO);

    public ClusterLogFilter {
        requireNonNull(channel, "channel");
        requireNonNull(level, "level");
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel " + channel);
        }
    }

    public boolean matches(ClusterLogEntry entry) {
        return (channel.equals(ALL_CHANNELS) || channel.equals(entry.channel()))
                && entry.level().isAtLeast(level);
    }
}
