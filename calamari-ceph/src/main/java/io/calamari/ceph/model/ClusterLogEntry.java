package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One entry of the cluster log, as {@code log last} lists it and a log subscription delivers it.
 *
 * <p>{@code name} is the entity that logged it ({@code mon.a}, {@code osd.2}, {@code client.admin});
 * {@code rank} its instance ({@code mon.0}, {@code mgr.4102}, {@code client.?}); {@code seq} the
 * logger's own sequence number, so it is unique only together with {@code name} (entries written
 * with the mon command {@code log} all have 0); {@code channel} is {@code cluster}, {@code audit} or
 * another channel. Immutable.
 */
public record ClusterLogEntry(
        String name, String rank, Instant stamp, long seq, String channel, ClusterLogLevel level, String message) {

    /** How {@code utime_t} prints a time in UTC: microseconds and a {@code +0000} offset. */
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

    public ClusterLogEntry {
        requireNonNull(name, "name");
        requireNonNull(rank, "rank");
        requireNonNull(stamp, "stamp");
        requireNonNull(channel, "channel");
        requireNonNull(level, "level");
        requireNonNull(message, "message");
    }

    /**
     * The entry as the monitors write it to {@code ceph.log} and as {@code log last} prints it
     * without a format, in UTC:
     * {@code 2026-11-22T00:04:14.058034+0000 mon.a (mon.0) 98 : cluster [WRN] Health check failed: …}.
     */
    public String line() {
        return formatStamp(stamp) + " " + name + " (" + rank + ") " + seq + " : " + channel + " " + level.priority()
                + " " + message;
    }

    /** A time as Ceph prints it, in UTC: {@code 2026-11-22T00:04:14.058034+0000}. */
    public static String formatStamp(Instant stamp) {
        return STAMP.format(stamp);
    }
}
