package io.calamari.ceph.parse;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code log last -f json}, a list of entries oldest first:
 *
 * <pre>
 * [{"name": "mon.a", "rank": "mon.0", "addrs": {…}, "stamp": "2026-11-22T00:04:14.058034+0000",
 *   "seq": 98, "channel": "cluster", "priority": "[WRN]", "message": "Health check failed: …"}]
 * </pre>
 *
 * and builds entries from what a log subscription ({@code rados_monitor_log2}) delivers. Required:
 * every field above but {@code addrs}, and a priority that is one of Ceph's five. Stateless.
 */
public final class ClusterLogParser {
    static final String COMMAND = "log last";

    /** {@code utime_t}'s form ({@code 2026-11-22T00:04:14.058034+0000}); also without offset or fraction. */
    private static final DateTimeFormatter STAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private ClusterLogParser() {}

    public static List<ClusterLogEntry> parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        JsonNode root = parser.read(json);
        if (!root.isArray()) {
            throw parser.failure("expected a JSON array of log entries");
        }
        List<ClusterLogEntry> entries = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            entries.add(entry(parser, entry));
        }
        return List.copyOf(entries);
    }

    /**
     * The newest {@code count} entries of a {@code log last} answer. Pacific answers {@code log last
     * N} with N + 1 entries when the entry before the N-th newest also matches the level, so the
     * answer is cut here.
     */
    public static List<ClusterLogEntry> parseNewest(byte[] json, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        List<ClusterLogEntry> entries = parse(json);
        return entries.size() <= count ? entries : entries.subList(entries.size() - count, entries.size());
    }

    /**
     * An entry as a log subscription delivers it.
     *
     * @param entity who logged it, for example {@code mgr.x}
     * @param instance its rank and addresses, for example {@code mgr.4102 127.0.0.1:0/14634}
     * @param priority as printed, for example {@code [INF]}
     * @throws CephParseException when the priority is not one of Ceph's
     */
    public static ClusterLogEntry fromSubscription(
            String channel, String entity, String instance, Instant stamp, long seq, String priority, String message) {
        String rank = instance.strip();
        int space = rank.indexOf(' ');
        return new ClusterLogEntry(
                entity,
                space < 0 ? rank : rank.substring(0, space),
                stamp,
                seq,
                channel,
                level(new CephJson("log subscription"), priority),
                message);
    }

    /** A time as Ceph prints it; without an offset it is taken as UTC. */
    public static Instant parseStamp(String text) {
        return OffsetDateTime.parse(text.strip(), STAMP).toInstant();
    }

    private static ClusterLogEntry entry(CephJson json, JsonNode entry) {
        json.requireObject(entry, "a log entry");
        String stamp = json.requireString(entry, "stamp");
        Instant instant;
        try {
            instant = parseStamp(stamp);
        } catch (DateTimeParseException e) {
            throw json.failure("'stamp' is not a time: " + stamp);
        }
        return new ClusterLogEntry(
                json.requireString(entry, "name"),
                json.requireString(entry, "rank"),
                instant,
                json.requireLong(entry, "seq"),
                json.requireString(entry, "channel"),
                level(json, json.requireString(entry, "priority", "prio")),
                json.requireString(entry, "message", "msg"));
    }

    private static ClusterLogLevel level(CephJson json, String priority) {
        requireNonNull(priority, "priority");
        return ClusterLogLevel.fromPriority(priority.strip())
                .orElseThrow(() -> json.failure("unknown priority '" + priority + "'"));
    }
}
