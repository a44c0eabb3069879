package io.calamari.ceph.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The priority of a cluster-log entry, in Ceph's order ({@code clog_type}: debug, info, sec, warn,
 * error). {@link #priority()} is how Ceph prints it ({@code [INF]}); {@link #cephName()} is how
 * {@code log last} and {@code rados_monitor_log2} take it as an argument ({@code info}).
 */
public enum ClusterLogLevel {
    DEBUG("debug", "[DBG]"),
    INFO("info", "[INF]"),
    SEC("sec", "[SEC]"),
    WARN("warn", "[WRN]"),
    ERROR("error", "[ERR]");

    private final String cephName;
    private final String priority;

    ClusterLogLevel(String cephName, String priority) {
        this.cephName = cephName;
        this.priority = priority;
    }

    /** The argument form: {@code debug}, {@code info}, {@code sec}, {@code warn}, {@code error}. */
    public String cephName() {
        return cephName;
    }

    /** The printed form: {@code [DBG]}, {@code [INF]}, {@code [SEC]}, {@code [WRN]}, {@code [ERR]}. */
    public String priority() {
        return priority;
    }

    /** Whether an entry of this level passes a filter asking for at least {@code minimum}. */
    public boolean isAtLeast(ClusterLogLevel minimum) {
        return compareTo(minimum) >= 0;
    }

    /** The level printed as {@code priority} ({@code [WRN]}), if it is one of Ceph's. */
    public static Optional<ClusterLogLevel> fromPriority(String priority) {
        for (ClusterLogLevel level : values()) {
            if (level.priority.equals(priority)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The level named {@code name} in the argument form, any case ({@code warn}, {@code WARN}). */
    public static Optional<ClusterLogLevel> fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ClusterLogLevel level : values()) {
            if (level.cephName.equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
